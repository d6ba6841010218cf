/**
 * The roster board's live layer on two real web processes sharing Redis: a change made through
 * one reaches coordinators and the staff member concerned on the other, and nobody else; a shift
 * moved to another worker disappears from the first one's roster; presence lists who has the board
 * open and what they are editing, only for those the policy lets see the whole board.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../tests/fixtures';
import { ensureBuild, killAll, startServer, type Started } from '../tests/server-process';
import { createSession, generateSessionToken } from '../src/lib/server/auth/session';
import { closeDb, tx } from '../src/lib/server/db';
import { runAs, SYSTEM } from '../src/lib/server/db/context';
import type { User } from '../src/lib/server/db/models';
import { closeRedis } from '../src/lib/server/redis';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/lib/shared/realtime';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type Received = { event: string; payload: Record<string, unknown> };

let a: Started;
let b: Started;
let coordinator: User;
let admin: User;
let worker: User;
let otherWorker: User;
const cookies = new Map<string, string>();
const sockets: Client[] = [];

async function signIn(user: User): Promise<string> {
	const token = generateSessionToken();
	await createSession(token, user.id);
	return `session=${token}`;
}

async function connect(server: Started, user: User) {
	const received: Received[] = [];
	const socket: Client = io(server.base, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { cookie: cookies.get(user.id)! }
	});
	sockets.push(socket);
	socket.onAny((event: string, payload: Record<string, unknown>) =>
		received.push({ event, payload })
	);
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	return { socket, received };
}

async function until<T>(find: () => T | undefined, what: string, ms = 5000): Promise<T> {
	for (const deadline = Date.now() + ms; Date.now() < deadline;) {
		const found = find();
		if (found !== undefined) return found;
		await new Promise((r) => setTimeout(r, 20));
	}
	throw new Error(`timed out waiting for ${what}`);
}

function send(server: Started, method: string, path: string, cookie: string, body?: unknown) {
	return fetch(`${server.base}${path}`, {
		method,
		headers: { 'content-type': 'application/json', cookie },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

const changes = (r: Received[], id: string) =>
	r.filter((x) => x.event === 'calendar:changed' && (x.payload.event as { id: string }).id === id);

beforeAll(async () => {
	ensureBuild();
	await runAs(SYSTEM, () =>
		tx(async () => {
			coordinator = await createUser('support_coordinator', { name: 'Board Coordinator' });
			admin = await createUser('super_admin', { name: 'Board Admin' });
			worker = await createUser('support_worker', { name: 'Board Worker' });
			otherWorker = await createUser('support_worker', { name: 'Board Bystander' });
		})
	);
	for (const user of [coordinator, admin, worker, otherWorker]) {
		cookies.set(user.id, await signIn(user));
	}
	[a, b] = await Promise.all([startServer(), startServer()]);
}, 90_000);

afterAll(async () => {
	for (const socket of sockets) socket.disconnect();
	killAll();
	await closeRedis();
	await closeDb();
});

describe('calendar:changed across two web processes', () => {
	it('reaches coordinators and the staff member concerned, and nobody else', async () => {
		const board = await connect(b, coordinator);
		const mine = await connect(a, worker);
		const bystander = await connect(b, otherWorker);

		const start = new Date(Date.now() + 30 * 86_400_000);
		start.setUTCMinutes(0, 0, 0);
		const end = new Date(start.getTime() + 2 * 3600_000);
		const created = await send(a, 'POST', '/api/v1/calendar-events', cookies.get(admin.id)!, {
			title: 'Live shift',
			staffId: worker.id,
			startDatetime: start.toISOString(),
			endDatetime: end.toISOString()
		});
		expect(created.status, await created.clone().text()).toBe(201);
		const event = (await created.json()) as { id: string; version: number };

		const heard = await until(() => changes(board.received, event.id)[0], 'the coordinator');
		expect(heard.payload).toMatchObject({
			action: 'created',
			event: { id: event.id, staffId: worker.id, version: 1, title: 'Live shift' }
		});
		await until(() => changes(mine.received, event.id)[0], 'the worker');

		// Moved to the bystander: the worker hears it is gone, the bystander that it is theirs.
		const moved = await send(
			b,
			'PATCH',
			`/api/v1/calendar-events/${event.id}`,
			cookies.get(coordinator.id)!,
			{ version: 1, staffId: otherWorker.id }
		);
		expect(moved.status).toBe(200);
		const gone = await until(
			() => changes(mine.received, event.id).find((r) => r.payload.action === 'deleted'),
			'the worker to hear the shift left their roster'
		);
		expect(gone.payload.event).toMatchObject({ staffId: worker.id, version: 1 });
		const theirs = await until(
			() => changes(bystander.received, event.id)[0],
			'the new staff member to hear of it'
		);
		expect(theirs.payload).toMatchObject({
			action: 'updated',
			event: { staffId: otherWorker.id, version: 2 }
		});
		expect(changes(board.received, event.id).map((r) => r.payload.action)).toEqual([
			'created',
			'updated'
		]);
		// Before the move, the bystander heard nothing of the worker's shift.
		expect(changes(bystander.received, event.id)).toHaveLength(1);
	});
});

describe('presence on the board', () => {
	it('lists who has the board open and what they edit, for coordinators only', async () => {
		const first = await connect(a, coordinator);
		const second = await connect(b, admin);
		const frontline = await connect(a, worker);
		const presence = (r: Received[]) =>
			r.filter((x) => x.event === 'calendar:presence').at(-1)?.payload.viewers as
				{ userId: string; editing: string | null }[] | undefined;

		first.socket.emit('calendar:join');
		second.socket.emit('calendar:join');
		frontline.socket.emit('calendar:join');
		const both = await until(() => {
			const viewers = presence(first.received);
			return viewers?.some((v) => v.userId === admin.id) ? viewers : undefined;
		}, 'both coordinators on the board');
		expect(both.map((v) => v.userId)).not.toContain(worker.id);

		const eventId = '7b0c8f2e-3f1a-4b7e-9c2d-1a2b3c4d5e6f';
		second.socket.emit('calendar:editing', { eventId });
		await until(
			() => presence(first.received)?.find((v) => v.userId === admin.id && v.editing === eventId),
			'the edit mark'
		);
		// A malformed payload changes nothing.
		second.socket.emit('calendar:editing', { eventId: 'not-an-id' } as never);

		second.socket.disconnect();
		await until(() => {
			const viewers = presence(first.received);
			return viewers && !viewers.some((v) => v.userId === admin.id) ? viewers : undefined;
		}, 'the admin to leave the list');
		// The worker, never let in, heard none of it.
		expect(frontline.received.filter((r) => r.event === 'calendar:presence')).toEqual([]);
	});
});
