/**
 * The budget job as a finance manager relies on it: sessions valued at the price in force on their
 * date (or what they were invoiced for), the burn figures and risk a dashboard shows, equal to an
 * independent reading of the rules for every participant of the demo data and of a scale seed; a
 * participant recomputed within a second of an approval; and exact totals when a worker is killed
 * mid-run or two workers run at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetMismatches, monthlyMismatches } from '../../tests/budget-truth';
import { dropTestQueues, ensureDemo, until, useTestQueues } from '../../tests/jobs';
import { ownerClient } from '../../tests/pg';
import { ndisNumber, unique } from '../../tests/fixtures';
import { recomputeBudgets } from '../lib/server/budgets/run';
import { closeDb } from '../lib/server/db';
import { runAs, SYSTEM } from '../lib/server/db/context';
import { closeRedis } from '../lib/server/redis';
import { removeScaleData, seedScale } from '../lib/server/seed/scale';
import * as sessionLogs from '../lib/server/services/session-logs';
import { addDays } from '../lib/server/time';
import { enqueueJob, queueFor } from './registry';
import { startWorkers, type Workers } from './worker';

let db: pg.Client;
let prefix: string;
let workers: Workers | undefined;
let coordinatorId: string;
let workerId: string;
const SCALE = 200;
// 00:30 on 1 November 2026 in Sydney (AEDT): the provider's today is 2026-11-01.
const AS_OF = new Date('2026-10-31T13:30:00Z');

async function insertUser(role: string) {
	const { rows } = await db.query<{ id: string }>(
		`INSERT INTO users (email, password_hash, name, role) VALUES ($1, 'x', $2, $3) RETURNING id`,
		[`${unique('budget')}@test.example`, `Budget ${role}`, role]
	);
	return rows[0]!.id;
}

type Plan = { start: string | null; end: string | null; total: string | null };

async function insertParticipant(plan: Plan) {
	const { rows } = await db.query<{ id: string }>(
		`INSERT INTO participants (ndis_number, name, plan_start_date, plan_end_date, total_budget, created_by)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		[ndisNumber(), `Budget ${unique('p')}`, plan.start, plan.end, plan.total, coordinatorId]
	);
	return rows[0]!.id;
}

async function insertItem(prices: [string, string][], category = 'Assistance with daily life') {
	const code = unique('01_BUDGET').replace(/-/g, '_').slice(0, 50);
	const { rows } = await db.query<{ id: string }>(
		`INSERT INTO ndis_item_codes (code, description, category, unit_type, price, effective_date, support_category_name)
		VALUES ($1, 'Budget test item', 'Core', 'H', $2, $3, $4) RETURNING id`,
		[code, prices[prices.length - 1]![1], prices[prices.length - 1]![0], category]
	);
	const id = rows[0]!.id;
	for (const [date, price] of prices) {
		await db.query(
			`INSERT INTO ndis_item_code_prices (ndis_item_code_id, effective_date, price) VALUES ($1, $2, $3)`,
			[id, date, price]
		);
	}
	return id;
}

let clock = 0;
async function insertSession(
	participantId: string,
	date: string,
	hours: number,
	item: string | null,
	status = 'approved'
) {
	// Distinct start times, so the worker's sessions never overlap.
	const start = `${String(6 + (clock++ % 12)).padStart(2, '0')}:00`;
	const { rows } = await db.query<{ id: string }>(
		`INSERT INTO session_logs (participant_id, staff_id, ndis_item_code_id, service_type, session_date,
			start_time, end_time, duration_hours, status, approved_by, approved_at)
		VALUES ($1, $2, $3, 'Personal care', $4, $5::time, $5::time + make_interval(mins => $6::int), $7,
			$8::session_status, CASE WHEN $8 = 'approved' THEN $9::uuid END, CASE WHEN $8 = 'approved' THEN now() END)
		RETURNING id`,
		[participantId, workerId, item, date, start, hours * 60, hours, status, coordinatorId]
	);
	return rows[0]!.id;
}

async function insertInvoice(
	participantId: string,
	status: string,
	issue: string,
	lines: { item: string; amount: string; session?: { id: string; date: string } }[]
) {
	const total = lines.reduce((sum, l) => sum + Math.round(Number(l.amount) * 100), 0) / 100;
	const { rows } = await db.query<{ id: string }>(
		`INSERT INTO invoices (invoice_number, participant_id, staff_id, issue_date, due_date, subtotal,
			gst_amount, total_amount, status, sent_at)
		VALUES ($1, $2, $3, $4, $4::date + 14, $5, 0, $5, $6::invoice_status,
			CASE WHEN $6 <> 'draft' THEN now() END) RETURNING id`,
		[unique('INV'), participantId, coordinatorId, issue, total.toFixed(2), status]
	);
	for (const line of lines) {
		await db.query(
			`INSERT INTO invoice_items (invoice_id, ndis_item_code_id, session_log_id, session_log_date,
				quantity, rate, amount) VALUES ($1, $2, $3, $4, 1, $5, $5)`,
			[rows[0]!.id, line.item, line.session?.id ?? null, line.session?.date ?? null, line.amount]
		);
	}
}

async function stats(participantId: string) {
	const { rows } = await db.query<Record<string, string | null>>(
		`SELECT s.*, s.as_of::text, s.projected_exhaustion_date::text AS projected,
			s.exhausted_on::text AS exhausted, p.used_budget::text AS participant_used
		FROM participant_budget_stats s JOIN participants p ON p.id = s.participant_id
		WHERE s.participant_id = $1`,
		[participantId]
	);
	return rows[0];
}

const scaleFilter = `p.ndis_number BETWEEN '438000001' AND '439000000'`;

beforeAll(async () => {
	db = await ownerClient();
	prefix = await useTestQueues('budget');
	coordinatorId = await insertUser('support_coordinator');
	workerId = await insertUser('support_worker');
}, 120_000);

afterAll(async () => {
	await workers?.close();
	await dropTestQueues();
	await removeScaleData(db);
	await db.end();
	await closeRedis();
	await closeDb();
}, 120_000);

describe('valuing a participant’s spending', () => {
	it('prices sessions as of their date, uses invoiced amounts once sent, and projects the burn', async () => {
		const p = await insertParticipant({
			start: '2026-07-01',
			end: '2027-06-30',
			total: '10000.00'
		});
		const item = await insertItem([
			['2026-07-01', '60.00'],
			['2026-10-01', '80.00']
		]);
		await insertSession(p, '2026-09-30', 2, item); // 2 × 60.00 = 120.00 (the old price)
		await insertSession(p, '2026-10-01', 1.5, item); // 1.5 × 80.00 = 120.00 (the new one)
		const invoiced = await insertSession(p, '2026-10-02', 3, item); // invoiced at 250.00
		const drafted = await insertSession(p, '2026-10-03', 1, item); // on a draft: 80.00
		await insertSession(p, '2026-10-04', 2, item, 'pending');
		await insertSession(p, '2026-10-05', 2, item, 'rejected');
		await insertSession(p, '2026-10-06', 2, null); // no support item: 2 unpriced hours
		await insertSession(p, '2026-06-20', 4, item); // before the plan: not this plan's money
		await insertInvoice(p, 'sent', '2026-10-10', [
			{ item, amount: '250.00', session: { id: invoiced, date: '2026-10-02' } },
			{ item, amount: '33.33' } // coordination, no session
		]);
		await insertInvoice(p, 'draft', '2026-10-11', [
			{ item, amount: '999.00', session: { id: drafted, date: '2026-10-03' } }
		]);

		const result = await runAs(SYSTEM, () => recomputeBudgets({ participantId: p, asOf: AS_OF }));
		expect(result.today).toBe('2026-11-01');
		const s = await stats(p);
		const used = 120 + 120 + 250 + 80 + 33.33;
		expect(s).toMatchObject({
			as_of: '2026-11-01',
			used_budget: used.toFixed(2),
			participant_used: used.toFixed(2),
			invoiced_amount: '283.33',
			uninvoiced_amount: (used - 283.33).toFixed(2),
			unpriced_hours: '2.00',
			used_percent: ((used / 10000) * 100).toFixed(2),
			// 1 July to 1 November inclusive: 124 of the plan's 365 days.
			plan_elapsed_percent: ((124 / 365) * 100).toFixed(2),
			// Everything was spent inside the last 90 days (4 August to 1 November).
			burn_rate_per_day: (Math.round((used / 90) * 100) / 100).toFixed(2),
			risk: 'on_track',
			exhausted: null
		});
		const burn = Math.round((used / 90) * 100) / 100;
		expect(s?.projected).toBe(addDays('2026-11-01', Math.ceil((10000 - used) / burn)));
		expect(Number(s?.projected_spend)).toBeCloseTo(used + burn * 241, 2);
		await expect(budgetMismatches(db, `p.id = '${p}'`)).resolves.toEqual([]);
		await expect(monthlyMismatches(db, `p.id = '${p}'`)).resolves.toEqual([]);
		const { rows: months } = await db.query(
			`SELECT month::text, category, amount::text, hours::text FROM participant_monthly_spend
			WHERE participant_id = $1 ORDER BY month, category`,
			[p]
		);
		const daily = 'Assistance with daily life';
		expect(months).toEqual([
			{ month: '2026-06-01', category: daily, amount: '240.00', hours: '4.00' },
			{ month: '2026-09-01', category: daily, amount: '120.00', hours: '2.00' },
			{ month: '2026-10-01', category: daily, amount: '483.33', hours: '5.50' },
			// Delivered, but with no support item it cannot be priced: hours without dollars.
			{ month: '2026-10-01', category: 'No support item', amount: '0.00', hours: '2.00' }
		]);
	});

	it('flags a plan spending too fast, one underspent near its end, one used up, and ones with no plan', async () => {
		const item = await insertItem([['2026-01-01', '100.00']]);
		const fast = await insertParticipant({
			start: '2026-07-01',
			end: '2027-06-30',
			total: '5000.00'
		});
		for (let d = 0; d < 20; d++) await insertSession(fast, addDays('2026-10-01', d), 2, item);
		const slow = await insertParticipant({
			start: '2025-12-01',
			end: '2026-12-15',
			total: '50000.00'
		});
		await insertSession(slow, '2026-10-20', 2, item);
		const spent = await insertParticipant({
			start: '2026-07-01',
			end: '2027-06-30',
			total: '300.00'
		});
		await insertSession(spent, '2026-08-01', 2, item);
		await insertSession(spent, '2026-08-02', 2, item);
		const none = await insertParticipant({ start: null, end: null, total: null });
		const later = await insertParticipant({
			start: '2027-01-01',
			end: '2027-12-31',
			total: '900.00'
		});

		await runAs(SYSTEM, async () => {
			for (const id of [fast, slow, spent, none, later]) {
				await recomputeBudgets({ participantId: id, asOf: AS_OF });
			}
		});
		// 4,000 in the last 90 days is 44.44 a day: the last 1,000 goes in 23 days, long before June.
		expect(await stats(fast)).toMatchObject({ risk: 'overspending', projected: '2026-11-24' });
		expect(await stats(slow)).toMatchObject({ risk: 'underspending' });
		expect(await stats(spent)).toMatchObject({ risk: 'exhausted', exhausted: '2026-08-02' });
		expect(await stats(none)).toMatchObject({ risk: 'no_plan', plan_elapsed_percent: null });
		expect(await stats(later)).toMatchObject({ risk: 'not_started', plan_elapsed_percent: '0.00' });
	});
});

describe('the budget-usage job', () => {
	beforeAll(async () => {
		await ensureDemo();
		await seedScale(db, SCALE);
	}, 300_000);

	async function scramble() {
		await db.query(`UPDATE participants SET used_budget = 0`);
		await db.query(`DELETE FROM participant_budget_stats`);
		await db.query(`UPDATE participant_monthly_spend SET amount = amount + 1`);
	}

	async function completed(id: string, timeoutMs = 120_000) {
		await until(
			`job ${id} to complete`,
			async () => {
				const state = await queueFor('budgets').getJobState(id);
				if (state === 'failed') {
					const job = await queueFor('budgets').getJob(id);
					throw new Error(`job ${id} failed: ${job?.failedReason}`);
				}
				return state === 'completed';
			},
			timeoutMs,
			100
		);
		return queueFor('budgets').getJob(id);
	}

	it('agrees with the rules for every participant: the demo data and a scale seed', async () => {
		await scramble();
		workers = await startWorkers({ queues: ['budgets'] });
		const id = await enqueueJob('budget-usage', {});
		const job = await completed(id);
		const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM participants`);
		expect(job?.returnvalue).toMatchObject({ participants: rows[0]!.n });
		expect(await budgetMismatches(db)).toEqual([]);
		expect(await monthlyMismatches(db)).toEqual([]);
		const { rows: missing } = await db.query(
			`SELECT p.id FROM participants p LEFT JOIN participant_budget_stats s ON s.participant_id = p.id
			WHERE s.participant_id IS NULL`
		);
		expect(missing).toEqual([]);
		// The scale seed's own totals came from the same code: a run over them changes nothing.
		const { rows: scale } = await db.query<{ n: number }>(
			`SELECT count(*)::int AS n FROM participants p WHERE ${scaleFilter}`
		);
		expect(scale[0]!.n).toBe(SCALE);
	});

	it('recomputes a participant within a second of an approval', async () => {
		workers ??= await startWorkers({ queues: ['budgets'] });
		const p = await insertParticipant({
			start: '2026-01-01',
			end: '2027-12-31',
			total: '20000.00'
		});
		const item = await insertItem([['2026-01-01', '70.00']]);
		const session = await insertSession(p, addDays('2026-11-01', -30), 2, item, 'pending');
		const before = await stats(p);
		expect(before).toBeUndefined();

		const approvedAt = Date.now();
		const outcomes = await runAs({ userId: coordinatorId, role: 'support_coordinator' }, () =>
			sessionLogs.review(
				[session],
				{ action: 'approve' },
				{
					id: coordinatorId,
					role: 'support_coordinator',
					scope: 'all'
				}
			)
		);
		expect(outcomes[0]?.ok).toBe(true);
		await until('the used budget to follow the approval', async () => {
			const { rows } = await db.query<{ used: string }>(
				`SELECT used_budget::text AS used FROM participants WHERE id = $1`,
				[p]
			);
			return rows[0]?.used === '140.00';
		});
		expect(Date.now() - approvedAt).toBeLessThan(1000);
		expect(await stats(p)).toMatchObject({ used_budget: '140.00' });
	});

	it('carries on after a worker is killed mid-run, and the totals are exact', async () => {
		await workers?.close();
		workers = undefined;
		await scramble();
		const { rows: ids } = await db.query<{ id: string }>(
			`SELECT id::text FROM participants ORDER BY id`
		);
		// The third batch of 20 waits on this lock, so the worker dies with two batches committed.
		const blocker = await ownerClient();
		await blocker.query('BEGIN');
		await blocker.query(`SELECT id FROM participants WHERE id = $1 FOR UPDATE`, [ids[45]!.id]);

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
			const id = await enqueueJob('budget-usage', { batchSize: 20 });
			const progress = await until(
				'two committed batches',
				async () => {
					const job = await queueFor('budgets').getJob(id);
					const p = job?.progress as { participants?: number } | undefined;
					return p?.participants === 40 ? p : null;
				},
				30_000
			);
			expect(progress).toMatchObject({ participants: 40 });
			await new Promise((resolve) => setTimeout(resolve, 300));
			process.kill(-child.pid!, 'SIGKILL');
			await new Promise((resolve) => child?.once('exit', resolve));
			await blocker.query('ROLLBACK');

			// Another worker notices the dead one's job once its lock lapses, and finishes it.
			workers = await startWorkers({ queues: ['budgets'], stalledInterval: 500 });
			const job = await completed(id, 60_000);
			expect(job?.returnvalue).toMatchObject({ participants: ids.length - 40 });
			expect(await budgetMismatches(db)).toEqual([]);
			expect(await monthlyMismatches(db)).toEqual([]);
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

	it('counts nothing twice when two workers run it at once', async () => {
		await workers?.close();
		await scramble();
		const a = await startWorkers({ queues: ['budgets'] });
		const b = await startWorkers({ queues: ['budgets'] });
		try {
			const { rows } = await db.query<{ id: string }>(
				`SELECT id::text FROM participants p WHERE ${scaleFilter} ORDER BY id LIMIT 30`
			);
			const jobs = await Promise.all([
				enqueueJob('budget-usage', { batchSize: 25 }),
				enqueueJob('budget-usage', { batchSize: 40 }),
				...rows.map((r) => enqueueJob('budget-usage', { participantId: r.id }))
			]);
			for (const id of jobs) await completed(id);
			expect(await budgetMismatches(db)).toEqual([]);
			expect(await monthlyMismatches(db)).toEqual([]);
		} finally {
			await a.close();
			await b.close();
			workers = undefined;
		}
	});
});
