/**
 * The spec's maintenance, run by the worker as an operator would: partitions made ahead of time,
 * statistics refreshed, months older than seven years archived (and nothing younger, and nothing
 * still referenced), dead reset links, sessions and import previews purged, and the quarterly
 * access review delivered to super admins once as a CSV.
 */
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropTestQueues, until, useTestQueues } from '../../tests/jobs';
import { ownerClient } from '../../tests/pg';
import { ndisNumber, unique } from '../../tests/fixtures';
import { closeDb } from '../lib/server/db';
import { runAs, SYSTEM } from '../lib/server/db/context';
import { retentionCutoff } from '../lib/server/maintenance/archive';
import { runAccessReview } from '../lib/server/maintenance/access-review';
import { closeRedis } from '../lib/server/redis';
import { purgeStalePreviews } from '../lib/server/services/item-code-import';
import { addDays, localDate } from '../lib/server/time';
import { enqueueJob, queueFor } from './registry';
import { startWorkers, type Workers } from './worker';

let db: pg.Client;
let workers: Workers;
const today = localDate(new Date());

async function runJob(name: string, data: Record<string, unknown> = {}) {
	const id = await enqueueJob(name, data);
	await until(
		`${name} to finish`,
		async () => {
			const state = await queueFor('maintenance').getJobState(id);
			if (state === 'failed') {
				throw new Error((await queueFor('maintenance').getJob(id))?.failedReason);
			}
			return state === 'completed';
		},
		60_000,
		100
	);
	return (await queueFor('maintenance').getJob(id))!;
}

async function exists(name: string) {
	const { rows } = await db.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [
		name
	]);
	return rows[0]?.t ?? null;
}

const monthName = (table: string, month: string) =>
	`${table}_y${month.slice(0, 4)}m${month.slice(5, 7)}`;

function monthsFrom(date: string, delta: number): string {
	const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
	d.setUTCMonth(d.getUTCMonth() + delta);
	return d.toISOString().slice(0, 10);
}

async function insertUser(role: string, extra: { name?: string; lastLogin?: Date | null } = {}) {
	const { rows } = await db.query<{ id: string }>(
		`INSERT INTO users (email, password_hash, name, role, last_login) VALUES ($1, 'x', $2, $3, $4) RETURNING id`,
		[
			`${unique('maint')}@test.example`,
			extra.name ?? `Maintenance ${role}`,
			role,
			extra.lastLogin ?? null
		]
	);
	return rows[0]!.id;
}

beforeAll(async () => {
	db = await ownerClient();
	await useTestQueues('maintenance');
	workers = await startWorkers({ queues: ['maintenance'] });
});

afterAll(async () => {
	await workers.close();
	await dropTestQueues();
	await db.end();
	await closeRedis();
	await closeDb();
});

describe('partitions', () => {
	it('makes the coming months’ partitions ahead of time', async () => {
		const month = monthsFrom(today, 10);
		const name = monthName('session_logs', month);
		// Session months are referenced by foreign keys: a month goes by detaching it first.
		if (await exists(name)) {
			await db.query(`ALTER TABLE session_logs DETACH PARTITION ${name}`);
			await db.query(`DROP TABLE ${name}`);
		}
		expect(await exists(name)).toBeNull();
		const job = await runJob('ensure-partitions');
		expect(await exists(name)).toBe(name);
		expect(await exists(monthName('audit_logs', monthsFrom(today, 12)))).not.toBeNull();
		expect(job.returnvalue).toEqual(
			expect.arrayContaining([expect.objectContaining({ table: 'session_logs', created: [name] })])
		);
		// Again: nothing to do.
		const again = await runJob('ensure-partitions');
		expect(again.returnvalue.every((r: { created: string[] }) => r.created.length === 0)).toBe(
			true
		);
	});

	it('refreshes the large tables’ statistics', async () => {
		const before = await db.query<{ at: Date | null }>(
			`SELECT last_analyze AS at FROM pg_stat_user_tables WHERE relname = 'participants'`
		);
		await new Promise((resolve) => setTimeout(resolve, 20));
		const job = await runJob('analyze-tables');
		expect(Object.keys(job.returnvalue.milliseconds)).toContain('session_logs');
		const after = await until('the statistics to be recorded', async () => {
			const { rows } = await db.query<{ at: Date | null }>(
				`SELECT last_analyze AS at FROM pg_stat_user_tables WHERE relname = 'participants'`
			);
			const at = rows[0]?.at;
			return at && (!before.rows[0]?.at || at > before.rows[0].at) ? at : null;
		});
		expect(after).toBeInstanceOf(Date);
	});
});

describe('archiving', () => {
	// The last month wholly older than seven years, and the one after it.
	const cutoff = retentionCutoff(today);
	const oldMonth = monthsFrom(cutoff, -1);
	const youngMonth = monthsFrom(cutoff, 0);
	const oldAudit = monthName('audit_logs', oldMonth);
	const youngAudit = monthName('audit_logs', youngMonth);
	const oldSessions = monthName('session_logs', oldMonth);
	let sessionId: string;

	async function dropMonths() {
		await db.query(`DROP TABLE IF EXISTS archive.${oldAudit}`);
		await db.query(`DROP TABLE IF EXISTS ${youngAudit}`);
		await db.query(`DROP TABLE IF EXISTS ${oldAudit}`);
		await db.query(`DELETE FROM progress_notes WHERE notes = 'Old note from the archive test'`);
		if (await exists(oldSessions)) {
			await db.query(`DELETE FROM ${oldSessions}`);
			await db.query(`ALTER TABLE session_logs DETACH PARTITION ${oldSessions}`);
			await db.query(`DROP TABLE ${oldSessions}`);
		}
	}

	beforeAll(async () => {
		await dropMonths();
		for (const [table, month] of [
			['audit_logs', oldMonth],
			['audit_logs', youngMonth],
			['session_logs', oldMonth]
		] as const) {
			await db.query(`SELECT * FROM ensure_monthly_partitions($1::regclass, $2::date, $2::date)`, [
				table,
				month
			]);
		}
		await db.query(
			`INSERT INTO audit_logs (action, table_name, created_at) VALUES ('test.old', 'archive', $1), ('test.young', 'archive', $2)`,
			[`${addDays(oldMonth, 3)}T10:00:00+10:00`, `${addDays(youngMonth, 3)}T10:00:00+10:00`]
		);
		// A session from then that a progress note still points at: that month cannot move.
		const staff = await insertUser('support_worker');
		const { rows: p } = await db.query<{ id: string }>(
			`INSERT INTO participants (ndis_number, name) VALUES ($1, 'Archie Archive') RETURNING id`,
			[ndisNumber()]
		);
		const { rows: s } = await db.query<{ id: string }>(
			`INSERT INTO session_logs (participant_id, staff_id, service_type, session_date, start_time, end_time, duration_hours)
			VALUES ($1, $2, 'Personal care', $3, '09:00', '10:00', 1) RETURNING id`,
			[p[0]!.id, staff, addDays(oldMonth, 2)]
		);
		sessionId = s[0]!.id;
		const { rows: n } = await db.query<{ id: string }>(
			`INSERT INTO progress_notes (participant_id, session_log_id, session_log_date, worker_id, date, notes)
			VALUES ($1, $2, $3, $4, $3, 'Old note from the archive test') RETURNING id`,
			[p[0]!.id, sessionId, addDays(oldMonth, 2), staff]
		);
		expect(n).toHaveLength(1);
	});

	afterAll(dropMonths);

	it('moves months older than seven years to the archive, keeps younger ones and referenced ones', async () => {
		const job = await runJob('archive-partitions');
		expect(job.returnvalue.cutoff).toBe(cutoff);
		expect(job.returnvalue.archived).toEqual(
			expect.arrayContaining([{ table: 'audit_logs', partition: oldAudit, rows: 1, as: oldAudit }])
		);
		expect(await exists(`archive.${oldAudit}`)).toBe(`archive.${oldAudit}`);
		expect(await exists(oldAudit)).toBeNull();
		// Nothing was lost: the row is in the archive, and out of the live trail.
		const { rows: kept } = await db.query(`SELECT action FROM archive.${oldAudit}`);
		expect(kept).toEqual([{ action: 'test.old' }]);
		const { rows: live } = await db.query(
			`SELECT action FROM audit_logs WHERE table_name = 'archive' ORDER BY action`
		);
		expect(live).toEqual([{ action: 'test.young' }]);
		expect(await exists(youngAudit)).toBe(youngAudit);
		// The referenced session month stays, and says why.
		expect(await exists(oldSessions)).toBe(oldSessions);
		expect(job.returnvalue.skipped).toEqual(
			expect.arrayContaining([
				{
					table: 'session_logs',
					partition: oldSessions,
					reason: 'still referenced by newer records (progress notes or invoice lines)'
				}
			])
		);
		// The app role cannot read the archive.
		const { rows: grants } = await db.query(
			`SELECT has_schema_privilege('ndis_app', 'archive', 'USAGE') AS usage`
		);
		expect(grants).toEqual([{ usage: false }]);
	});

	it('never archives a month that has a day younger than seven years', () => {
		expect(retentionCutoff('2026-11-25')).toBe('2019-11-25');
		expect(retentionCutoff('2028-02-29')).toBe('2021-03-01');
	});
});

describe('purging', () => {
	it('deletes dead reset links and sign-in sessions, and keeps live ones', async () => {
		const user = await insertUser('support_worker');
		await db.query(
			`UPDATE users SET password_changed_at = now() - interval '1 hour' WHERE id = $1`,
			[user]
		);
		const token = (label: string) => `${label}-${unique('t')}`.padEnd(64, 'x').slice(0, 64);
		const tokens = {
			expired: token('expired'),
			used: token('used'),
			superseded: token('superseded'),
			live: token('live')
		};
		await db.query(
			`INSERT INTO password_reset_tokens (id, user_id, expires_at, used_at, created_at) VALUES
			($1, $5, now() - interval '1 minute', NULL, now() - interval '2 hours'),
			($2, $5, now() + interval '1 hour', now(), now() - interval '10 minutes'),
			($3, $5, now() + interval '5 days', NULL, now() - interval '2 hours'),
			($4, $5, now() + interval '1 hour', NULL, now())`,
			[tokens.expired, tokens.used, tokens.superseded, tokens.live, user]
		);
		const sessions = { expired: token('s-expired'), idle: token('s-idle'), live: token('s-live') };
		await db.query(
			`INSERT INTO auth_sessions (id, user_id, expires_at, last_seen_at) VALUES
			($1, $4, now() - interval '1 minute', now() - interval '2 minutes'),
			($2, $4, now() + interval '5 hours', now() - interval '2 hours'),
			($3, $4, now() + interval '5 hours', now())`,
			[sessions.expired, sessions.idle, sessions.live, user]
		);
		const job = await runJob('purge-expired');
		expect(job.returnvalue.resetTokens).toBeGreaterThanOrEqual(3);
		expect(job.returnvalue.sessions).toBeGreaterThanOrEqual(2);
		const { rows: leftTokens } = await db.query(
			`SELECT id FROM password_reset_tokens WHERE user_id = $1`,
			[user]
		);
		expect(leftTokens).toEqual([{ id: tokens.live }]);
		const { rows: leftSessions } = await db.query(
			`SELECT id FROM auth_sessions WHERE user_id = $1`,
			[user]
		);
		expect(leftSessions).toEqual([{ id: sessions.live }]);
	});

	it('removes catalogue previews nobody confirmed within the hour', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'ndis-previews-'));
		try {
			const fresh = crypto.randomUUID();
			const stale = crypto.randomUUID();
			const orphan = crypto.randomUUID();
			const now = Date.now();
			for (const [id, createdAt] of [
				[fresh, now - 10 * 60_000],
				[stale, now - 2 * 3600_000]
			] as const) {
				await writeFile(join(dir, `${id}.csv`), 'x');
				await writeFile(join(dir, `${id}.json`), JSON.stringify({ userId: 'u', createdAt }));
			}
			await writeFile(join(dir, `${orphan}.csv`), 'x');
			const old = new Date(now - 3 * 3600_000);
			await utimes(join(dir, `${orphan}.csv`), old, old);
			expect(await purgeStalePreviews(now, dir)).toBe(2);
			expect((await readdir(dir)).sort()).toEqual([`${fresh}.csv`, `${fresh}.json`].sort());
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});

describe('the quarterly access review', () => {
	it('sends every super admin one CSV of accounts, sign-ins and what needs attention', async () => {
		// One review a quarter: an earlier run against this database may have made this one already.
		await db.query(`DELETE FROM notifications WHERE related_table = 'access_reviews'`);
		await db.query(`DELETE FROM access_reviews`);
		const admin = await insertUser('super_admin', { name: 'Ada Admin', lastLogin: new Date() });
		const dormant = await insertUser('support_worker', {
			name: '=HYPERLINK("http://evil.example")',
			lastLogin: new Date(Date.now() - 200 * 86_400_000)
		});
		await insertUser('allied_health', { name: 'Nora Never' });
		const job = await runJob('access-review');
		const { id, created, period } = job.returnvalue as {
			id: string;
			created: boolean;
			period: string;
		};
		expect(created).toBe(true);
		expect(period).toMatch(/^\d{4}-Q[1-4]$/);
		const { rows } = await db.query<{ csv: string }>(
			`SELECT csv FROM access_reviews WHERE id = $1`,
			[id]
		);
		const lines = rows[0]!.csv.trimEnd().split('\r\n');
		expect(lines[0]).toBe(
			'email,name,role,active,created,last sign-in,days since sign-in,open sessions,flag'
		);
		const dormantLine = lines.find((l) => l.includes('evil.example'))!;
		// A name that looks like a formula is defused, and the dormant account is flagged.
		expect(dormantLine).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
		expect(dormantLine).toMatch(/,no sign-in for 200 days$/);
		expect(lines.find((l) => l.includes('Nora Never'))).toMatch(/,never signed in$/);
		expect(dormant).toBeTruthy();

		const { rows: notes } = await db.query<{ title: string; related_id: string }>(
			`SELECT title, related_id::text FROM notifications WHERE user_id = $1 AND related_table = 'access_reviews'`,
			[admin]
		);
		expect(notes).toEqual([{ title: `Access review ${period} is ready`, related_id: id }]);

		// The same job retried after a crash finds its review made, and tells nobody twice.
		const again = await runAs(SYSTEM, () => runAccessReview({ jobId: job.id! }));
		expect(again).toMatchObject({ id, created: false });
		const { rows: after } = await db.query(
			`SELECT 1 FROM notifications WHERE user_id = $1 AND related_table = 'access_reviews'`,
			[admin]
		);
		expect(after).toHaveLength(1);
	});
});

describe('the price list', () => {
	it('brings current prices to the ones in force, daily', async () => {
		const job = await runJob('catalogue-prices');
		expect(job.returnvalue).toEqual({ changed: expect.any(Number) });
	});
});
