/**
 * Redis stops for five seconds while a coordinator approves a session every 200 ms, and comes
 * back empty (no persistence): the production web process and a worker process, on a Redis and
 * an SMTP server of this test's own. Before the outbox and the process guards, both processes
 * died within seconds and stayed down, and emails, socket events and budget recomputes committed
 * meanwhile were lost. Now: both stay up, every approval answers 200 (quickly), /readyz says
 * Redis is missing and then recovers, the worker's socket keeps (or regains) its events, and every
 * approval's notification, email (exactly one) and budget recompute arrive; the schedules are back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	closeQueues,
	JOBS,
	QUEUE_NAMES,
	queueFor,
	setQueuePrefixForTests
} from '../src/jobs/registry';
import { createSession, generateSessionToken } from '../src/lib/server/auth/session';
import { closeDb, tx } from '../src/lib/server/db';
import { runAs, SYSTEM } from '../src/lib/server/db/context';
import { closeRedis } from '../src/lib/server/redis';
import { budgetMismatches } from '../tests/budget-truth';
import { createItemCode, createParticipant, createUser } from '../tests/fixtures';
import { until } from '../tests/jobs';
import { ownerClient } from '../tests/pg';
import { testRedis } from '../tests/redis-server';
import { ensureBuild, killAll, startServer, type Started } from '../tests/server-process';
import { testSmtp } from '../tests/smtp';

// This process (which reads the schedules) uses the test's Redis too: set before config loads.
const port = vi.hoisted(() => {
	const chosen = 21_000 + ((process.pid * 7 + 5) % 9_000);
	process.env.REDIS_URL = `redis://127.0.0.1:${chosen}`;
	return chosen;
});

const APPROVAL_EVERY_MS = 200;
const OUTAGE_MS = 5_000;
const SESSIONS = 60;

const redis = testRedis(port);
const smtp = testSmtp();
const prefix = `ndis-test-fault-${Date.now().toString(36)}`;
let web: Started;
let worker: ChildProcess;
let workerLog = '';
let socket: Socket;
const heard: { event: string; payload: { relatedId?: string } }[] = [];
let data: {
	workerEmail: string;
	participantId: string;
	price: number;
	coordinatorCookie: string;
	workerCookie: string;
	sessionIds: string[];
};

async function seed() {
	return runAs(SYSTEM, async () => {
		const ids = await tx(async () => {
			const coordinator = await createUser('support_coordinator', { name: 'Fault Coordinator' });
			const staff = await createUser('support_worker', { name: 'Fault Worker' });
			const participant = await createParticipant(coordinator.id, {
				name: 'Fay Faulttest',
				planStartDate: '2020-01-01',
				planEndDate: '2030-12-31',
				totalBudget: '100000.00'
			});
			const item = await createItemCode({ price: '50.00', effectiveDate: '2020-01-01' });
			return { coordinator, staff, participant, item };
		});
		const owner = await ownerClient();
		try {
			await owner.query(`INSERT INTO participant_staff (participant_id, user_id) VALUES ($1, $2)`, [
				ids.participant.id,
				ids.staff.id
			]);
			// One a day going back, so none overlap; an hour each at $50.
			const sessions = await owner.query<{ id: string }>(
				`INSERT INTO session_logs (participant_id, staff_id, service_type, session_date, start_time,
					end_time, duration_hours, ndis_item_code_id)
				SELECT $1, $2, 'Personal care', current_date - g, '09:00', '10:00', 1, $3
				FROM generate_series(1, $4) g ORDER BY g RETURNING id`,
				[ids.participant.id, ids.staff.id, ids.item.id, SESSIONS]
			);
			const cookies = [];
			for (const user of [ids.coordinator, ids.staff]) {
				const token = generateSessionToken();
				await createSession(token, user.id);
				cookies.push(`session=${token}`);
			}
			return {
				workerEmail: ids.staff.email,
				participantId: ids.participant.id,
				price: 50,
				coordinatorCookie: cookies[0]!,
				workerCookie: cookies[1]!,
				sessionIds: sessions.rows.map((row) => row.id)
			};
		} finally {
			await owner.end();
		}
	});
}

function startWorkerProcess(): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'src/jobs/worker.ts'], {
		env: {
			...process.env,
			NODE_ENV: 'test',
			REDIS_URL: redis.url,
			REDIS_PREFIX: prefix,
			BULLMQ_PREFIX: prefix,
			SMTP_URL: smtp.url(),
			LOG_LEVEL: 'info'
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true
	});
	child.stdout?.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (workerLog += chunk.toString()));
	return until(
		'the worker to start',
		() => workerLog.includes('"msg":"worker ready"') && child,
		60_000
	);
}

async function readiness(): Promise<{ status: number; redis: string }> {
	const response = await fetch(`${web.base}/readyz`);
	const body = (await response.json()) as { checks: { redis: string } };
	return { status: response.status, redis: body.checks.redis };
}

/**
 * From `backAt`: when the outbox had sent every row written before it, when every approval made
 * before it had its email at the SMTP server and its notification on the socket.
 */
async function measureBacklog(ids: string[], backAt: number) {
	const owner = await ownerClient();
	const result = { outboxSent: -1, emails: -1, socketEvents: -1 };
	try {
		for (const deadline = backAt + 30_000; Date.now() < deadline;) {
			const now = Date.now() - backAt;
			if (result.outboxSent < 0) {
				const { rows } = await owner.query<{ n: number }>(
					`SELECT count(*)::int AS n FROM outbox WHERE queued_at IS NULL AND created_at < $1`,
					[new Date(backAt)]
				);
				if (rows[0]!.n === 0) result.outboxSent = now;
			}
			if (result.emails < 0 && smtp.to(data.workerEmail).length >= ids.length) result.emails = now;
			const about = new Set(heard.map((h) => h.payload?.relatedId));
			if (result.socketEvents < 0 && ids.every((id) => about.has(id))) result.socketEvents = now;
			if (Object.values(result).every((v) => v >= 0)) break;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	} finally {
		await owner.end();
	}
	return result;
}

beforeAll(async () => {
	ensureBuild();
	await redis.start();
	await smtp.start();
	// The test database is shared by every run: rows other runs left would be drained here too.
	const owner = await ownerClient();
	await owner.query(`DELETE FROM outbox`).finally(() => owner.end());
	data = await seed();
	web = await startServer({ REDIS_URL: redis.url, REDIS_PREFIX: prefix, BULLMQ_PREFIX: prefix });
	worker = await startWorkerProcess();
	await setQueuePrefixForTests(prefix);
	socket = io(web.base, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie: data.workerCookie },
		reconnectionDelay: 200,
		reconnectionDelayMax: 1_000
	});
	socket.onAny((event: string, payload: { relatedId?: string }) => heard.push({ event, payload }));
	await until('the worker socket', () => socket.connected);
}, 300_000);

afterAll(async () => {
	socket?.disconnect();
	if (worker?.pid) {
		try {
			process.kill(-worker.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	killAll();
	await closeQueues();
	await closeRedis();
	await redis.stop();
	await smtp.stop();
	await closeDb();
});

describe('a Redis outage under traffic', () => {
	it('kills nothing, loses nothing and repeats nothing', { timeout: 180_000 }, async () => {
		const approvals: { id: string; status: number; ms: number; duringOutage: boolean }[] = [];
		let outage = false;
		let stopApproving = false;
		const approving = (async () => {
			for (const id of data.sessionIds) {
				if (stopApproving) break;
				const started = performance.now();
				const duringOutage = outage;
				const response = await fetch(`${web.base}/api/v1/session-logs/${id}/approve`, {
					method: 'POST',
					headers: { cookie: data.coordinatorCookie, origin: web.base }
				});
				await response.arrayBuffer();
				approvals.push({
					id,
					status: response.status,
					ms: performance.now() - started,
					duringOutage
				});
				await new Promise((resolve) => setTimeout(resolve, APPROVAL_EVERY_MS));
			}
		})();

		await new Promise((resolve) => setTimeout(resolve, 2_000));
		await redis.stop();
		outage = true;
		const stoppedAt = Date.now();
		const during = await until(
			'/readyz to name Redis',
			async () => {
				const ready = await readiness();
				return ready.status === 503 && ready;
			},
			4_000,
			100
		);
		expect(during).toEqual({ status: 503, redis: 'failed' });
		await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (Date.now() - stoppedAt)));
		await redis.start();
		outage = false;
		const backAt = Date.now();
		// How long the backlog takes once Redis is back: what was committed before this moment.
		const before = approvals.map((a) => a.id);
		const backlog = measureBacklog(before, backAt);
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		stopApproving = true;
		await approving;

		// Both processes are still there, and every approval was answered 200.
		expect(web.child.exitCode, web.output()).toBeNull();
		expect(worker.exitCode, workerLog).toBeNull();
		expect(approvals.filter((a) => a.status !== 200)).toEqual([]);
		const inOutage = approvals
			.filter((a) => a.duringOutage)
			.map((a) => a.ms)
			.sort((x, y) => x - y);
		expect(inOutage.length).toBeGreaterThanOrEqual(10);
		expect(await until('/readyz to recover', async () => (await readiness()).status === 200)).toBe(
			true
		);

		const approved = approvals.map((a) => a.id);
		const emailsIn = await until(
			'an email for every approval',
			() => smtp.to(data.workerEmail).length >= approved.length && Date.now(),
			30_000,
			50
		).catch((err: Error) => {
			throw new Error(
				`${err.message}\n--- worker:\n${workerLog.slice(-6000)}\n--- web:\n${web.output().slice(-4000)}`
			);
		});
		const heardIn = await until(
			'a notification:new for every approval on the socket',
			() => {
				const about = new Set(
					heard.filter((h) => h.event === 'notification:new').map((h) => h.payload.relatedId)
				);
				return approved.every((id) => about.has(id)) && Date.now();
			},
			30_000,
			50
		).catch((err: Error) => {
			throw new Error(
				`${err.message}\n--- worker:\n${workerLog.slice(-6000)}\n--- web:\n${web.output().slice(-4000)}`
			);
		});
		expect(socket.connected).toBe(true);

		const owner = await ownerClient();
		try {
			const notes = await owner.query<{ related_id: string }>(
				`SELECT related_id FROM notifications WHERE related_id = ANY($1::uuid[]) AND type IS NOT NULL
				AND user_id = (SELECT staff_id FROM session_logs WHERE id = $2 LIMIT 1)`,
				[approved, approved[0]]
			);
			expect(new Set(notes.rows.map((r) => r.related_id)).size).toBe(approved.length);

			const recomputedIn = await until(
				'the budget to count every approval',
				async () => {
					const { rows } = await owner.query<{ used: string }>(
						`SELECT used_budget::text AS used FROM participants WHERE id = $1`,
						[data.participantId]
					);
					return Number(rows[0]!.used) === approved.length * data.price && Date.now();
				},
				60_000,
				100
			);
			expect(await budgetMismatches(owner, `p.id = '${data.participantId}'`)).toEqual([]);

			const unsentGoneIn = await until(
				'the outbox to be empty',
				async () => {
					const { rows } = await owner.query<{ n: number }>(
						`SELECT count(*)::int AS n FROM outbox`
					);
					return rows[0]!.n === 0 && Date.now();
				},
				60_000,
				100
			);

			// Exactly once, some time later still.
			await new Promise((resolve) => setTimeout(resolve, 1_000));
			expect(smtp.to(data.workerEmail)).toHaveLength(approved.length);

			// The schedules Redis forgot are back.
			const scheduled = JOBS.filter((job) => job.schedule).length;
			let schedulers = 0;
			for (const queue of QUEUE_NAMES)
				schedulers += (await queueFor(queue).getJobSchedulers()).length;
			expect(schedulers).toBe(scheduled);

			const drained = await backlog;
			const median = inOutage[Math.floor(inOutage.length / 2)]!;
			console.info(
				JSON.stringify({
					approvals: approved.length,
					duringOutage: inOutage.length,
					approveDuringOutageMs: { median: Math.round(median), max: Math.round(inOutage.at(-1)!) },
					backlogAfterRedisBackMs: drained,
					allDoneAfterRedisBackMs: {
						emails: emailsIn - backAt,
						socketEvents: heardIn - backAt,
						budget: recomputedIn - backAt,
						outboxEmpty: unsentGoneIn - backAt
					}
				})
			);
		} finally {
			await owner.end();
		}
	});
});
