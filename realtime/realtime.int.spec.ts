/**
 * The live layer as operators run it: two web processes on two ports sharing Redis. A worker's
 * socket on one, a coordinator's on the other; sessions logged and approved over HTTP reach the
 * right sockets whichever process they are on, and nobody else's. Sockets without a valid session
 * are refused, and a socket is dropped when its session ends.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItemCode, createParticipant, createUser } from '../tests/fixtures';
import { ensureBuild, killAll, startServer, type Started } from '../tests/server-process';
import { createSession, generateSessionToken } from '../src/lib/server/auth/session';
import { closeDb, tx } from '../src/lib/server/db';
import { runAs, SYSTEM } from '../src/lib/server/db/context';
import {
	ParticipantStaff,
	type NdisItemCode,
	type Participant,
	type User
} from '../src/lib/server/db/models';
import { closeRedis } from '../src/lib/server/redis';
import { addDays, localDate } from '../src/lib/server/time';
import type { ServerToClientEvents } from '../src/lib/shared/realtime';

type Client = Socket<ServerToClientEvents>;
type Received = { event: string; payload: Record<string, unknown> };

let a: Started;
let b: Started;
let worker: User;
let otherWorker: User;
let coordinator: User;
let participant: Participant;
let othersParticipant: Participant;
let item: NdisItemCode;
const cookies = new Map<string, string>();
const sockets: Client[] = [];

async function signIn(user: User): Promise<string> {
	const token = generateSessionToken();
	await createSession(token, user.id);
	return `session=${token}`;
}

/** A connected socket and everything it hears, or the connection error's message. */
function connect(server: Started, cookie?: string) {
	const received: Received[] = [];
	const socket: Client = io(server.base, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: cookie ? { cookie } : {}
	});
	sockets.push(socket);
	socket.onAny((event: string, payload: Record<string, unknown>) =>
		received.push({ event, payload })
	);
	const ready = new Promise<string>((resolve) => {
		socket.once('connect', () => resolve('connected'));
		socket.once('connect_error', (err) => resolve(err.message));
	});
	return { socket, received, ready };
}

async function until<T>(find: () => T | undefined, what: string, ms = 5000): Promise<T> {
	for (const deadline = Date.now() + ms; Date.now() < deadline;) {
		const found = find();
		if (found !== undefined) return found;
		await new Promise((r) => setTimeout(r, 20));
	}
	throw new Error(`timed out waiting for ${what}`);
}

function post(server: Started, path: string, cookie: string, body: unknown) {
	return fetch(`${server.base}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify(body)
	});
}

beforeAll(async () => {
	ensureBuild();
	await runAs(SYSTEM, () =>
		tx(async () => {
			coordinator = await createUser('support_coordinator', { name: 'Live Coordinator' });
			worker = await createUser('support_worker', { name: 'Live Worker' });
			otherWorker = await createUser('support_worker', { name: 'Other Worker' });
			participant = await createParticipant(coordinator.id);
			othersParticipant = await createParticipant(coordinator.id);
			item = await createItemCode();
			await ParticipantStaff.create({
				participantId: participant.id,
				userId: worker.id,
				assignedBy: coordinator.id
			});
			await ParticipantStaff.create({
				participantId: participant.id,
				userId: coordinator.id,
				assignedBy: coordinator.id
			});
			await ParticipantStaff.create({
				participantId: othersParticipant.id,
				userId: otherWorker.id,
				assignedBy: coordinator.id
			});
		})
	);
	for (const user of [worker, otherWorker, coordinator]) cookies.set(user.id, await signIn(user));
	[a, b] = await Promise.all([startServer(), startServer()]);
}, 90_000);

afterAll(async () => {
	for (const socket of sockets) socket.disconnect();
	killAll();
	await closeRedis();
	await closeDb();
});

describe('socket authentication', () => {
	it('refuses a socket without a session cookie, or with a made-up one', async () => {
		expect(await connect(a).ready).toBe('unauthorized');
		expect(await connect(a, 'session=not-a-real-token').ready).toBe('unauthorized');
	});
});

describe('events across two web processes', () => {
	it('delivers submissions and approvals to the right people only', async () => {
		const workerSocket = connect(a, cookies.get(worker.id));
		const coordinatorSocket = connect(b, cookies.get(coordinator.id));
		const bystander = connect(b, cookies.get(otherWorker.id));
		expect(await workerSocket.ready, a.output()).toBe('connected');
		expect(await coordinatorSocket.ready).toBe('connected');
		expect(await bystander.ready).toBe('connected');

		// The worker logs a session through process A.
		const created = await post(a, '/api/v1/session-logs', cookies.get(worker.id)!, {
			participantId: participant.id,
			ndisItemCodeId: item.id,
			serviceType: 'Community access',
			sessionDate: addDays(localDate(new Date()), -1),
			startTime: '10:00',
			endTime: '12:00'
		});
		expect(created.status, (await created.clone().text()) + a.output()).toBe(201);
		const session = (await created.json()) as { id: string };

		// The coordinator, on process B, hears of it and is asked to approve.
		await until(
			() =>
				coordinatorSocket.received.find(
					(r) => r.event === 'session-log:changed' && r.payload.id === session.id
				),
			'the coordinator to hear of the new session'
		);
		const ask = await until(
			() =>
				coordinatorSocket.received.find(
					(r) => r.event === 'notification:new' && r.payload.relatedId === session.id
				),
			"the coordinator's notification"
		);
		expect(ask.payload.title).toBe('Session to approve: Live Worker');

		// The coordinator approves through process B; the worker's socket is on A.
		const approved = await post(
			b,
			`/api/v1/session-logs/${session.id}/approve`,
			cookies.get(coordinator.id)!,
			{}
		);
		expect(approved.status).toBe(200);
		const changed = await until(
			() =>
				workerSocket.received.find(
					(r) => r.event === 'session-log:changed' && r.payload.status === 'approved'
				),
			'the worker to see the approval'
		);
		expect(changed.payload).toMatchObject({
			id: session.id,
			participantId: participant.id,
			staffId: worker.id,
			approvedBy: coordinator.id
		});
		const note = await until(
			() => workerSocket.received.find((r) => r.event === 'notification:new'),
			"the worker's notification"
		);
		expect(note.payload).toMatchObject({
			title: 'Session approved',
			relatedTable: 'session_logs',
			relatedId: session.id
		});

		// Another worker, not assigned to that participant, heard nothing of any of it.
		await new Promise((r) => setTimeout(r, 300));
		expect(bystander.received).toEqual([]);
	});

	it('drops the socket when its session ends', async () => {
		const user = await runAs(SYSTEM, () => tx(() => createUser('support_worker')));
		const cookie = await signIn(user);
		const client = connect(b, cookie);
		expect(await client.ready).toBe('connected');
		const dropped = new Promise<string>((resolve) =>
			client.socket.once('disconnect', (reason) => resolve(reason))
		);
		const out = await post(a, '/api/v1/auth/logout', cookie, {});
		expect(out.status).toBe(204);
		expect(await dropped).toBe('io server disconnect');
		// And it cannot come back with the ended session.
		expect(await connect(a, cookie).ready).toBe('unauthorized');
	});
});
