/**
 * Document expiry as a coordinator lives it: statuses turn at midnight in Sydney, not in UTC; the
 * uploader and the participant's coordinators hear of each transition exactly once, however often
 * the sweep runs, whether two run at once or a worker dies mid-sweep; a flood becomes one summary;
 * setting an expiry date is acted on within a second; the live push reaches who may see the
 * document and never a wall display.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropTestQueues, until, useTestQueues } from '../../tests/jobs';
import { startLive, type Live } from '../../tests/live';
import { ownerClient } from '../../tests/pg';
import { ndisNumber, unique } from '../../tests/fixtures';
import { closeDb } from '../lib/server/db';
import { runAs, SYSTEM } from '../lib/server/db/context';
import * as documents from '../lib/server/documents/service';
import { sweepDocumentExpiry } from '../lib/server/documents/expiry';
import { forgetProviderSettings } from '../lib/server/provider-settings';
import { closeRedis } from '../lib/server/redis';
import { addDays, localDate } from '../lib/server/time';
import { formatDate } from '../lib/shared/format';
import * as displayTokens from '../lib/server/wall/tokens';
import { enqueueJob, queueFor } from './registry';
import { startWorkers, type Workers } from './worker';

let db: pg.Client;
let prefix: string;
let live: Live;
let workers: Workers | undefined;
let root: string;

async function insertUser(role: string, name = `Expiry ${role}`) {
	const { rows } = await db.query<{ id: string }>(
		`INSERT INTO users (email, password_hash, name, role) VALUES ($1, 'x', $2, $3) RETURNING id`,
		[`${unique('expiry')}@test.example`, name, role]
	);
	return rows[0]!.id;
}

async function insertParticipant(coordinators: string[]) {
	const { rows } = await db.query<{ id: string }>(
		`INSERT INTO participants (ndis_number, name) VALUES ($1, $2) RETURNING id`,
		[ndisNumber(), `Expiry ${unique('participant')}`]
	);
	const id = rows[0]!.id;
	for (const user of coordinators) {
		await db.query(`INSERT INTO participant_staff (participant_id, user_id) VALUES ($1, $2)`, [
			id,
			user
		]);
	}
	return id;
}

async function insertDocument(
	uploader: string,
	participantId: string | null,
	expiry: string | null,
	status = 'current',
	name = `Certificate ${unique('doc')}`
) {
	const { rows } = await db.query<{ id: string }>(
		`INSERT INTO documents (name, type, participant_id, uploaded_by, file_path, file_size, expiry_date, status)
		VALUES ($1, 'certificate', $2, $3, 'test/none.pdf', 1, $4, $5::document_status) RETURNING id`,
		[name, participantId, uploader, expiry, status]
	);
	return rows[0]!.id;
}

async function statusOf(id: string) {
	const { rows } = await db.query<{ status: string }>(
		`SELECT status::text FROM documents WHERE id = $1`,
		[id]
	);
	return rows[0]?.status;
}

async function notificationsFor(userId: string) {
	const { rows } = await db.query<{ title: string; related_id: string | null; type: string }>(
		`SELECT title, related_id::text, type::text FROM notifications WHERE user_id = $1 ORDER BY created_at, title`,
		[userId]
	);
	return rows;
}

const sweep = (options: Parameters<typeof sweepDocumentExpiry>[0] = {}) =>
	runAs(SYSTEM, () => sweepDocumentExpiry(options));

beforeAll(async () => {
	db = await ownerClient();
	await db.query(
		`UPDATE system_settings SET setting_value = '30' WHERE setting_key = 'documents.expiry_warning_days'`
	);
	await db.query(
		`UPDATE system_settings SET setting_value = 'Australia/Sydney' WHERE setting_key = 'timezone'`
	);
	forgetProviderSettings();
	prefix = await useTestQueues('expiry');
	live = await startLive();
	root = await mkdtemp(join(tmpdir(), 'ndis-expiry-docs-'));
	// Catch up with today first, so each test's sweep moves only what the test set up.
	await sweep();
});

afterAll(async () => {
	await workers?.close();
	await dropTestQueues();
	await live.close();
	await rm(root, { recursive: true, force: true });
	await db.end();
	await closeRedis();
	await closeDb();
});

describe('the expiry sweep', () => {
	it('turns a document expiring soon and expired at midnight in Sydney, not UTC', async () => {
		const uploader = await insertUser('support_worker');
		const id = await insertDocument(uploader, null, '2026-12-01');
		// 30 days' warning: expiring soon from 1 November, local time (AEDT, UTC+11).
		await sweep({ documentId: id, asOf: new Date('2026-10-31T12:59:59Z') });
		expect(await statusOf(id)).toBe('current');
		await sweep({ documentId: id, asOf: new Date('2026-10-31T13:00:00Z') });
		expect(await statusOf(id)).toBe('expiring_soon');
		// Still valid all of its expiry day; expired from the next local midnight.
		await sweep({ documentId: id, asOf: new Date('2026-12-01T12:59:59Z') });
		expect(await statusOf(id)).toBe('expiring_soon');
		await sweep({ documentId: id, asOf: new Date('2026-12-01T13:00:00Z') });
		expect(await statusOf(id)).toBe('expired');
		// A renewal puts it back.
		await db.query(`UPDATE documents SET expiry_date = '2028-01-01' WHERE id = $1`, [id]);
		await sweep({ documentId: id, asOf: new Date('2026-12-01T13:00:00Z') });
		expect(await statusOf(id)).toBe('current');
	});

	it('also turns at midnight on the day daylight saving starts', async () => {
		const uploader = await insertUser('support_worker');
		// Sydney moves to AEDT at 02:00 on 4 October 2026; midnight that day is still AEST (UTC+10).
		const id = await insertDocument(uploader, null, '2026-10-03');
		await sweep({ documentId: id, asOf: new Date('2026-10-03T13:59:59Z') });
		expect(await statusOf(id)).toBe('expiring_soon');
		await sweep({ documentId: id, asOf: new Date('2026-10-03T14:00:00Z') });
		expect(await statusOf(id)).toBe('expired');
	});

	it('tells the uploader and the participant’s coordinators once per transition', async () => {
		const uploader = await insertUser('support_worker', 'Uma Uploader');
		const coordinator = await insertUser('support_coordinator', 'Cora Coordinator');
		const other = await insertUser('support_coordinator', 'Otto Other');
		const participant = await insertParticipant([coordinator]);
		const today = localDate(new Date());
		const id = await insertDocument(
			uploader,
			participant,
			addDays(today, 10),
			'current',
			'First aid'
		);
		const coordinatorSocket = await live.connect({ userId: coordinator });
		const { token } = await runAs(SYSTEM, () => displayTokens.create('Test wall'));
		const wall = await live.connect({ displayToken: token });
		expect(await coordinatorSocket.ready).toBe('connected');
		expect(await wall.ready).toBe('connected');

		const first = await sweep();
		expect(first.moved).toBeGreaterThanOrEqual(1);
		await sweep();
		await sweep({ documentId: id });
		const soon = [{ title: 'Document expiring soon: First aid', related_id: id, type: 'warning' }];
		expect(await notificationsFor(uploader)).toEqual(soon);
		expect(await notificationsFor(coordinator)).toEqual(soon);
		expect(await notificationsFor(other)).toEqual([]);
		const { rows: said } = await db.query<{ message: string }>(
			`SELECT message FROM notifications WHERE user_id = $1`,
			[uploader]
		);
		// "expires on 21 Nov 2026", as people write dates, not the stored 2026-11-21.
		expect(said[0]?.message).toContain(`expires on ${formatDate(addDays(today, 10))}, in 10 days`);
		expect(said[0]?.message).not.toMatch(/\d{4}-\d{2}-\d{2}/);

		// Days later it expires: one more each, and only one. (Targeted: the rest of the database
		// stays in today.)
		const later = new Date(Date.now() + 12 * 86_400_000);
		await sweep({ documentId: id, asOf: later });
		await sweep({ documentId: id, asOf: later });
		const both = [...soon, { title: 'Document expired: First aid', related_id: id, type: 'error' }];
		expect(await notificationsFor(uploader)).toEqual(both);
		expect(await notificationsFor(coordinator)).toEqual(both);

		const changed = await until('the coordinator to hear of it', () =>
			coordinatorSocket.of('document:changed').find((e) => e.status === 'expired')
		);
		expect(changed).toEqual({
			id,
			status: 'expired',
			participantId: participant,
			expiryDate: addDays(today, 10)
		});
		// Walls hear aggregates only.
		await until('the wall’s figures', () => wall.of('wall:budget').length > 0);
		expect(wall.received.map((r) => r.event).filter((e) => !e.startsWith('wall:'))).toEqual([]);
		// Back to today's truth for everything else in the database.
		await sweep();
	});

	it('sends someone with many transitions in one sweep a single summary', async () => {
		const uploader = await insertUser('support_worker');
		const soon = addDays(localDate(new Date()), 5);
		for (let i = 0; i < 12; i++)
			await insertDocument(uploader, null, soon, 'current', `Check ${i}`);
		await sweep();
		const notes = await notificationsFor(uploader);
		expect(notes).toEqual([
			{ title: '12 documents need attention', related_id: null, type: 'warning' }
		]);
	});

	it('announces nothing twice when two sweeps run at once', async () => {
		const uploader = await insertUser('support_worker');
		const soon = addDays(localDate(new Date()), 3);
		for (let i = 0; i < 5; i++) await insertDocument(uploader, null, soon);
		await Promise.all([sweep(), sweep(), sweep()]);
		expect(await notificationsFor(uploader)).toHaveLength(5);
	});

	it('finishes exactly once after a worker is killed mid-sweep', async () => {
		const uploader = await insertUser('support_worker');
		const soon = addDays(localDate(new Date()), 4);
		const ids: string[] = [];
		for (let i = 0; i < 3; i++) ids.push(await insertDocument(uploader, null, soon));
		// The sweep's UPDATE waits on this row lock while the worker dies under it.
		const blocker = await ownerClient();
		await blocker.query('BEGIN');
		await blocker.query(`SELECT id FROM documents WHERE id = $1 FOR UPDATE`, [ids[1]]);
		const { rows: me } = await blocker.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
		let child: ChildProcess | undefined;
		let log = '';
		try {
			child = spawn('node_modules/.bin/tsx', ['src/jobs/worker.ts'], {
				env: {
					...process.env,
					NODE_ENV: 'test',
					BULLMQ_PREFIX: prefix,
					BULLMQ_LOCK_MS: '2000',
					LOG_LEVEL: 'info'
				},
				stdio: ['ignore', 'pipe', 'pipe'],
				detached: true
			});
			child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
			child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
			await until('the worker process', () => log.includes('"msg":"worker ready"'), 30_000);
			const jobId = await enqueueJob('document-expiry', {});
			await until('the sweep to be waiting on the lock', async () => {
				const { rows } = await db.query(
					`SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
					[me[0]!.pid]
				);
				return rows.length > 0;
			});
			process.kill(-child.pid!, 'SIGKILL');
			await new Promise((resolve) => child?.once('exit', resolve));
			await blocker.query('ROLLBACK');
			expect(await notificationsFor(uploader)).toEqual([]);

			workers = await startWorkers({ queues: ['records'], stalledInterval: 500 });
			await until(
				'the retried sweep',
				async () => (await queueFor('records').getJobState(jobId)) === 'completed',
				60_000
			);
			expect(await notificationsFor(uploader)).toHaveLength(3);
			for (const id of ids) expect(await statusOf(id)).toBe('expiring_soon');
		} finally {
			await blocker.end().catch(() => undefined);
			if (child?.pid && child.exitCode === null) {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}
		}
	});

	it('checks a document within a second of its expiry date being set', async () => {
		workers ??= await startWorkers({ queues: ['records'] });
		const coordinator = await insertUser('support_coordinator');
		const actor = { userId: coordinator, role: 'support_coordinator' as const };
		const file = new File([Buffer.from('Police check\n')], 'check.txt', { type: 'text/plain' });
		const uploaded = await runAs(actor, () =>
			documents.upload(
				{
					file,
					fields: documents.uploadFieldsSchema.parse({
						type: 'certificate',
						expiryDate: addDays(localDate(new Date()), -1)
					})
				},
				{ id: coordinator, scope: 'all' },
				root
			)
		);
		expect(uploaded.ok).toBe(true);
		const started = Date.now();
		await until(
			'the uploader to be told',
			async () => (await notificationsFor(coordinator)).length > 0
		);
		expect(Date.now() - started).toBeLessThan(1000);
		expect((await notificationsFor(coordinator))[0]?.title).toBe('Document expired: check.txt');
	});
});
