/**
 * Two installs on one Redis (staging beside production, two providers on one managed Redis) must
 * be invisible to each other. Two production web processes with different REDIS_PREFIX values
 * share this Redis (and, here only, a database): an approval on one reaches a coordinator's socket
 * on its own install and not the coordinator's socket on the other; each install counts its own
 * rate limits; and nothing is published on Socket.IO's unprefixed channels.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItemCode, createParticipant, createUser } from '../tests/fixtures';
import { ensureBuild, killAll, startServer, type Started } from '../tests/server-process';
import {
	closeSockets,
	connectSocket,
	pause,
	signIn,
	waitFor,
	type TestSocket
} from '../tests/sockets';
import { config } from '../src/lib/server/config';
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

const run = `${Date.now().toString(36)}-${process.pid}`;
const PREFIX = { a: `ndis-test-a-${run}`, b: `ndis-test-b-${run}` };

let a: Started;
let b: Started;
let coordinator: User;
let worker: User;
let participant: Participant;
let item: NdisItemCode;
let day = -1;
let listener: Redis;
/** Plain commands (the listener, subscribed, cannot send them). */
let commands: Redis;
const channels = new Set<string>();

function call(server: Started, method: string, path: string, cookie: string, body?: unknown) {
	return fetch(`${server.base}${path}`, {
		method,
		headers: { 'content-type': 'application/json', cookie },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

/** The worker logs a session on `server` and a coordinator approves it there; its id. */
async function logAndApprove(server: Started): Promise<string> {
	day -= 1;
	const [workerCookie, coordinatorCookie] = await Promise.all([
		signIn(worker.id),
		signIn(coordinator.id)
	]);
	const created = await call(server, 'POST', '/api/v1/session-logs', workerCookie, {
		participantId: participant.id,
		ndisItemCodeId: item.id,
		serviceType: 'Community access',
		sessionDate: addDays(localDate(new Date()), day),
		startTime: '10:00',
		endTime: '11:00'
	});
	expect(created.status, await created.clone().text()).toBe(201);
	const { id } = (await created.json()) as { id: string };
	const approved = await call(
		server,
		'POST',
		`/api/v1/session-logs/${id}/approve`,
		coordinatorCookie
	);
	expect(approved.status).toBe(200);
	return id;
}

const approvalOf = (client: TestSocket, id: string) =>
	client.received.find(
		(r) =>
			r.event === 'session-log:changed' && r.payload.id === id && r.payload.status === 'approved'
	);
const anythingOf = (client: TestSocket, id: string) =>
	client.received.filter((r) => JSON.stringify(r.payload).includes(id));

/** Every key an install has in Redis (its queues and counters), to read and to clean up. */
async function keysOf(prefix: string): Promise<string[]> {
	const keys: string[] = [];
	let cursor = '0';
	do {
		const [next, batch] = await commands.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
		cursor = next;
		keys.push(...batch);
	} while (cursor !== '0');
	return keys;
}

beforeAll(async () => {
	ensureBuild();
	await runAs(SYSTEM, () =>
		tx(async () => {
			coordinator = await createUser('support_coordinator', { name: 'Install Coordinator' });
			worker = await createUser('support_worker', { name: 'Install Worker' });
			participant = await createParticipant(coordinator.id);
			item = await createItemCode();
			await ParticipantStaff.create({
				participantId: participant.id,
				userId: worker.id,
				assignedBy: coordinator.id
			});
		})
	);
	commands = new Redis(config.redisUrl);
	listener = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
	listener.on('pmessage', (_pattern: string, channel: string) => channels.add(channel));
	await listener.psubscribe('*');
	// Each install's queues and counters are its own (BULLMQ_PREFIX follows REDIS_PREFIX).
	[a, b] = await Promise.all([
		startServer({ REDIS_PREFIX: PREFIX.a, LOG_LEVEL: 'warn' }),
		startServer({ REDIS_PREFIX: PREFIX.b, LOG_LEVEL: 'warn' })
	]);
}, 90_000);

afterAll(async () => {
	closeSockets();
	killAll();
	for (const prefix of Object.values(PREFIX)) {
		const keys = await keysOf(prefix);
		if (keys.length > 0) await commands.del(...keys);
	}
	commands.disconnect();
	listener.disconnect();
	await closeRedis();
	await closeDb();
});

describe('two installs on one Redis', () => {
	it("deliver an approval to their own coordinators' sockets only", async () => {
		// The same coordinator has the app open on both installs.
		const onA = connectSocket(a.base, await signIn(coordinator.id));
		const onB = connectSocket(b.base, await signIn(coordinator.id));
		expect(await onA.ready, a.output()).toBe('connected');
		expect(await onB.ready, b.output()).toBe('connected');

		const fromA = await logAndApprove(a);
		await waitFor("install A's approval on A's socket", () => approvalOf(onA, fromA));
		const fromB = await logAndApprove(b);
		await waitFor("install B's approval on B's socket", () => approvalOf(onB, fromB));

		await pause(500);
		expect(anythingOf(onB, fromA)).toEqual([]);
		expect(anythingOf(onA, fromB)).toEqual([]);
		// Socket.IO's default, unprefixed channels were never used: everything went by the prefixes.
		const published = [...channels];
		expect(published.filter((c) => c.startsWith('socket.io'))).toEqual([]);
		expect(published.some((c) => c.startsWith(`${PREFIX.a}:socket.io#`))).toBe(true);
		expect(published.some((c) => c.startsWith(`${PREFIX.b}:socket.io#`))).toBe(true);
	});

	it('count their rate limits apart', async () => {
		// The calendar feed allows 30 requests a minute per address.
		const feed = (server: Started) => fetch(`${server.base}/calendar/feed/not-a-token.ics`);
		const statuses: number[] = [];
		for (let i = 0; i < 31; i += 1) statuses.push((await feed(a)).status);
		expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
		expect(statuses[30]).toBe(429);
		// The same address on the other install has its whole allowance.
		expect((await feed(b)).status).toBe(404);

		const counters = async (prefix: string) =>
			(await keysOf(prefix)).filter((k) => k.startsWith(`${prefix}:rate:calendar-feed:`));
		const [onA] = await counters(PREFIX.a);
		const [onB] = await counters(PREFIX.b);
		expect(onA && (await commands.get(onA))).toBe('31');
		expect(onB && (await commands.get(onB))).toBe('1');
	});
});
