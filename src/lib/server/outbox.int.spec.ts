/**
 * The outbox against a Redis of this file's own, which the tests stop and start again empty:
 * a rolled-back change sends nothing; a committed one is sent at once while Redis is up, kept
 * while it is down and sent (in order) when it is back; a queued job that a restarted Redis
 * forgot is queued again and its email still arrives exactly once; two drainers never send the
 * same row.
 */
import { Redis } from 'ioredis';
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dropTestQueues, until, useTestQueues } from '../../../tests/jobs';
import { spareRedisPort, testRedis } from '../../../tests/redis-server';
import { testSmtp } from '../../../tests/smtp';
import { queueFor } from '../../jobs/registry';
import { startWorkers, type Workers } from '../../jobs/worker';
import { closeDb, db, tx } from './db';
import { runAs, SYSTEM } from './db/context';
import { drainOutboxNow, send } from './outbox';
import { closeRedis, redis } from './redis';

// config.ts reads REDIS_URL once, when first imported: point this file's processes at its own.
const port = vi.hoisted(() => {
	const chosen = 21_000 + ((process.pid * 7 + 3) % 9_000);
	process.env.REDIS_URL = `redis://127.0.0.1:${chosen}`;
	return chosen;
});

const server = testRedis(port);
const smtp = testSmtp();
let listener: Redis;
let workers: Workers | null = null;
/** Every message published on this Redis, as text (msgpack keeps strings readable). */
const heard: string[] = [];
const run = `${Date.now().toString(36)}${process.pid}`;

function listen(): Promise<void> {
	listener = new Redis(server.url, { maxRetriesPerRequest: null });
	listener.on('error', () => undefined);
	listener.on('pmessageBuffer', (_pattern: Buffer, _channel: Buffer, message: Buffer) => {
		heard.push(message.toString('latin1'));
	});
	return listener.psubscribe('*').then(() => undefined);
}

const heardOf = (marker: string) => heard.filter((m) => m.includes(marker)).length;

async function rows(marker: string) {
	return runAs(SYSTEM, () =>
		tx(() =>
			db().query<{ kind: string; queued: boolean }>(
				`SELECT kind, queued_at IS NOT NULL AS queued FROM outbox WHERE payload::text LIKE $1 ORDER BY seq`,
				{ bind: [`%${marker}%`], type: QueryTypes.SELECT }
			)
		)
	);
}

async function redisDown(): Promise<void> {
	await server.stop();
	await until('the app to notice Redis is down', () => redis().status !== 'ready', 10_000);
}

async function redisUp(): Promise<void> {
	await server.start();
	await until('the app to reconnect', () => redis().status === 'ready', 15_000);
	if (listener.status !== 'ready') await until('the listener', () => listener.status === 'ready');
}

/** One change that announces itself and asks for an email, as a service does. */
function change(marker: string, fail = false) {
	return runAs(SYSTEM, () =>
		tx(async () => {
			void send({
				kind: 'event',
				name: 'notification:new',
				rooms: [`user:${marker}`],
				payload: { marker }
			});
			void send({
				kind: 'job',
				name: 'send-mail',
				payload: { to: `${marker}@outbox.test`, subject: `About ${marker}`, text: 'Body' }
			});
			if (fail) throw new Error('rolled back on purpose');
		})
	);
}

beforeAll(async () => {
	expect(port).toBe(spareRedisPort(3));
	// The test database is shared by every run: rows other runs left (their queues long gone)
	// would be queued again here and muddle the counts.
	await runAs(SYSTEM, () => tx(() => db().query(`DELETE FROM outbox`)));
	await server.start();
	await smtp.start();
	await useTestQueues('outbox');
	await listen();
});

afterAll(async () => {
	await workers?.close();
	if (!server.running()) await server.start();
	await dropTestQueues();
	listener?.disconnect();
	await closeRedis();
	await server.stop();
	await smtp.stop();
	await closeDb();
});

describe('outbox', () => {
	it('sends nothing for a change that is rolled back', async () => {
		const marker = `rollback${run}`;
		await expect(change(marker, true)).rejects.toThrow('rolled back on purpose');
		expect(await rows(marker)).toEqual([]);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(heardOf(marker)).toBe(0);
		expect(await queueFor('mail').count()).toBe(0);
	});

	it('sends a committed change at once, and the email once the worker has sent it', async () => {
		const marker = `commit${run}`;
		await change(marker);
		// The event is out and its row gone; the job is queued, its row kept until it is done.
		await until('the event', () => heardOf(marker) === 1);
		expect(await rows(marker)).toEqual([{ kind: 'job', queued: true }]);
		workers = await startWorkers({ queues: ['mail'], outbox: false });
		await until('the email', () => smtp.to(`${marker}@outbox.test`).length === 1);
		await until('the job row acknowledged', async () => (await rows(marker)).length === 0);
	});

	it('keeps what is committed while Redis is down, and sends it in order when it is back', async () => {
		await redisDown();
		const markers = [1, 2, 3].map((i) => `down${i}${run}`);
		const started = Date.now();
		for (const marker of markers) await change(marker);
		// The change does not wait on Redis at all.
		expect(Date.now() - started).toBeLessThan(1_000);
		for (const marker of markers) {
			expect(await rows(marker)).toEqual([
				{ kind: 'event', queued: false },
				{ kind: 'job', queued: false }
			]);
		}

		await redisUp();
		await drainOutboxNow();
		await until('the events', () => markers.every((marker) => heardOf(marker) === 1));
		const order = heard
			.map((m) => markers.findIndex((marker) => m.includes(marker)))
			.filter((i) => i >= 0);
		expect(order).toEqual([0, 1, 2]);
		for (const marker of markers) {
			await until(`the email for ${marker}`, () => smtp.to(`${marker}@outbox.test`).length > 0);
		}
		await until('every row done', async () => {
			for (const marker of markers) if ((await rows(marker)).length > 0) return false;
			return true;
		});
		await new Promise((resolve) => setTimeout(resolve, 300));
		for (const marker of markers) expect(smtp.to(`${marker}@outbox.test`)).toHaveLength(1);
	});

	it('queues again a job that a restarted Redis forgot, and it is still sent once', async () => {
		await workers?.close();
		workers = null;
		const marker = `forgot${run}`;
		await change(marker);
		expect(await rows(marker)).toContainEqual({ kind: 'job', queued: true });
		// Redis restarts with nothing on disk: the queued job is gone.
		await redisDown();
		await redisUp();
		expect(await queueFor('mail').count()).toBe(0);

		expect(await drainOutboxNow()).toBeGreaterThanOrEqual(1);
		expect(await queueFor('mail').count()).toBe(1);
		// Checking again while the job waits changes nothing.
		await drainOutboxNow();
		expect(await queueFor('mail').count()).toBe(1);
		workers = await startWorkers({ queues: ['mail'], outbox: false });
		await until('the email', () => smtp.to(`${marker}@outbox.test`).length === 1);
		await until('the job row acknowledged', async () => (await rows(marker)).length === 0);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(smtp.to(`${marker}@outbox.test`)).toHaveLength(1);
	});

	it('two drainers at once send each row exactly once', async () => {
		await redisDown();
		const markers = Array.from({ length: 60 }, (_, i) => `pair${i}x${run}`);
		await runAs(SYSTEM, () =>
			tx(async () => {
				for (const marker of markers) {
					void send({ kind: 'event', name: 'notification:new', rooms: ['x'], payload: { marker } });
				}
			})
		);
		await redisUp();
		await Promise.all([drainOutboxNow(), drainOutboxNow(), drainOutboxNow()]);
		await new Promise((resolve) => setTimeout(resolve, 200));
		for (const marker of markers) expect(heardOf(marker)).toBe(1);
		expect(await rows(`x${run}`)).toEqual([]);
	});
});
