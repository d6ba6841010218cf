import { demoNdisNumbers } from './demo-data/participants';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	DOCUMENT_STATUSES,
	EVENT_STATUSES,
	GOAL_STATUSES,
	INVOICE_STATUSES,
	SESSION_STATUSES
} from '../../shared/enums';
import { verifyPassword } from '../auth/password';
import { connectOwner } from './db';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo, type DemoResult } from './demo';
import { addDays } from './dates';
import { SYSTEM_SETTINGS } from './settings';
import { ensureCatalogue } from './test-catalogue';
import { createScratchDatabase } from '../../../../tests/scratch-db';
import { budgetMismatches } from '../../../../tests/budget-truth';
import { MISSING_CATALOGUE_MESSAGE } from './item-codes';
import { recomputeBatch, type BudgetRisk } from '../budgets/recompute';
import { providerToday, readProviderSettings } from '../provider';
import { pgSql } from '../sql';
import { budgetVerdict } from '../../shared/figures';

const TABLES = [
	'users',
	'staff_members',
	'participants',
	'participant_staff',
	'session_logs',
	'progress_notes',
	'participant_goals',
	'calendar_events',
	'invoices',
	'invoice_items',
	'documents',
	'notifications',
	'user_settings',
	'system_settings'
];

// Demo rows: staff are @demo.test, participants were created by the demo coordinator. The e2e
// journeys' own accounts (…-e2e@demo.test) keep what the last journeys did (a rejected session,
// which has no approver), so they are not demo staff.
const DEMO_STAFF = `(SELECT id FROM users WHERE email LIKE '%@demo.test' AND email NOT LIKE '%-e2e@demo.test')`;
// The demo's own participants, by their fixed NDIS numbers: other tests (the e2e journeys) add
// participants as the demo coordinator too.
const DEMO_PARTICIPANTS = `(SELECT id FROM participants WHERE ndis_number IN (${demoNdisNumbers()
	.map((n) => `'${n}'`)
	.join(', ')}))`;

let db: pg.Client;
let documentsDir: string;
// One instant for every run here: today's sessions are those that have ended by then, so runs
// a few seconds apart must not straddle a session's end.
const NOW = new Date();
let firstRun: DemoResult;

async function countAll() {
	const counts: Record<string, number> = {};
	for (const table of TABLES) {
		const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
		counts[table] = rows[0]?.n ?? -1;
	}
	return counts;
}

async function values(sql: string): Promise<string[]> {
	const { rows } = await db.query<{ v: string }>(sql);
	return rows.map((r) => r.v);
}

beforeAll(async () => {
	db = await connectOwner();
	await ensureCatalogue(db);
	documentsDir = await mkdtemp(join(tmpdir(), 'ndis-demo-documents-'));
	firstRun = await seedDemo(db, { documentsDir, now: NOW });
});

afterAll(async () => {
	await db?.end();
	if (documentsDir) await rm(documentsDir, { recursive: true, force: true });
});

describe('demo seed', () => {
	it('is idempotent: a second run, even on another day, leaves exactly the same row counts', async () => {
		const before = await countAll();
		const hashes = await values(
			`SELECT password_hash AS v FROM users WHERE email LIKE '%@demo.test' ORDER BY email`
		);
		const second = await seedDemo(db, { documentsDir, now: NOW });
		// Settings are only ever added when missing, so a second run adds none of them.
		expect(second.counts.system_settings_added).toBe(0);
		expect({ ...second, counts: { ...second.counts, system_settings_added: null } }).toEqual({
			...firstRun,
			counts: { ...firstRun.counts, system_settings_added: null }
		});
		expect(await countAll()).toEqual(before);
		// Tomorrow every date moves by a day, and the rows move with it instead of multiplying.
		const tomorrow = new Date(NOW.getTime() + 86_400_000);
		await seedDemo(db, { documentsDir, now: tomorrow });
		expect(await countAll()).toEqual(before);
		await seedDemo(db, { documentsDir, now: NOW });
		expect(await countAll()).toEqual(before);
		// A re-run never changes a password.
		expect(
			await values(
				`SELECT password_hash AS v FROM users WHERE email LIKE '%@demo.test' ORDER BY email`
			)
		).toEqual(hashes);
		expect(firstRun.counts).toMatchObject({ users: 15, participants: 40 });
	});

	it('creates the four demo logins with their roles and the published password', async () => {
		for (const login of DEMO_LOGINS) {
			const { rows } = await db.query<{ role: string; password_hash: string; is_active: boolean }>(
				'SELECT role, password_hash, is_active FROM users WHERE email = $1',
				[login.email]
			);
			expect(rows[0]).toMatchObject({ role: login.role, is_active: true });
			expect(await verifyPassword(rows[0]?.password_hash ?? '', DEMO_PASSWORD)).toBe(true);
			expect(await verifyPassword(rows[0]?.password_hash ?? '', 'wrong-password')).toBe(false);
		}
		const roles = await values(
			`SELECT u.role || ':' || sm.status AS v FROM users u JOIN staff_members sm ON sm.user_id = u.id
			WHERE u.email LIKE '%@demo.test'`
		);
		expect(roles).toHaveLength(15);
		expect(new Set(roles.map((r) => r.split(':')[1]))).toEqual(
			new Set(['active', 'on_leave', 'inactive'])
		);
	});

	it('assigns the demo worker and allied health user to some participants but not all', async () => {
		const caseload = async (email: string) =>
			(
				await values(`SELECT count(*)::text AS v FROM participant_staff ps JOIN users u ON u.id = ps.user_id
				WHERE u.email = '${email}' AND ps.participant_id IN ${DEMO_PARTICIPANTS}`)
			).map(Number)[0];
		expect(await caseload('worker@demo.test')).toBeGreaterThanOrEqual(6);
		expect(await caseload('worker@demo.test')).toBeLessThanOrEqual(8);
		expect(await caseload('allied@demo.test')).toBeGreaterThanOrEqual(4);
		expect(await caseload('allied@demo.test')).toBeLessThanOrEqual(6);
		const staffPerParticipant = await values(
			`SELECT count(ps.id)::text AS v FROM participants p
			LEFT JOIN participant_staff ps ON ps.participant_id = p.id
			WHERE p.id IN ${DEMO_PARTICIPANTS} GROUP BY p.id`
		);
		expect(staffPerParticipant).toHaveLength(40);
		for (const n of staffPerParticipant) expect(Number(n)).toBeGreaterThanOrEqual(1);
		for (const n of staffPerParticipant) expect(Number(n)).toBeLessThanOrEqual(3);
	});

	it('has every session, invoice, document, goal and event status', async () => {
		const statuses = (table: string, where: string) =>
			values(`SELECT DISTINCT status::text AS v FROM ${table} WHERE ${where}`);
		expect(new Set(await statuses('session_logs', `staff_id IN ${DEMO_STAFF}`))).toEqual(
			new Set(SESSION_STATUSES)
		);
		expect(new Set(await statuses('invoices', `participant_id IN ${DEMO_PARTICIPANTS}`))).toEqual(
			new Set(INVOICE_STATUSES)
		);
		expect(new Set(await statuses('documents', `uploaded_by IN ${DEMO_STAFF}`))).toEqual(
			new Set(DOCUMENT_STATUSES)
		);
		expect(
			new Set(await statuses('participant_goals', `participant_id IN ${DEMO_PARTICIPANTS}`))
		).toEqual(new Set(GOAL_STATUSES));
		expect(new Set(await statuses('calendar_events', `staff_id IN ${DEMO_STAFF}`))).toEqual(
			new Set(EVENT_STATUSES)
		);
	});

	it('never books a worker into two sessions or two roster events at once, overnight included', async () => {
		const span = (a: string) => `tsrange(${a}.session_date + ${a}.start_time,
			${a}.session_date + ${a}.end_time + CASE WHEN ${a}.ends_next_day THEN interval '1 day' ELSE interval '0' END)`;
		const clashes = await values(
			`SELECT count(*)::text AS v FROM session_logs a JOIN session_logs b
			ON a.staff_id = b.staff_id AND a.id < b.id AND ${span('a')} && ${span('b')}
			WHERE a.staff_id IN ${DEMO_STAFF}`
		);
		expect(clashes).toEqual(['0']);
		const overnight = await values(
			`SELECT count(*)::text AS v FROM session_logs s WHERE staff_id IN ${DEMO_STAFF}
			AND ends_next_day AND extract(epoch FROM (upper(${span('s')}) - lower(${span('s')}))) / 3600 = duration_hours`
		);
		expect(Number(overnight[0])).toBeGreaterThan(0);
		const wrongDuration = await values(
			`SELECT count(*)::text AS v FROM session_logs s WHERE staff_id IN ${DEMO_STAFF}
			AND extract(epoch FROM (upper(${span('s')}) - lower(${span('s')}))) / 3600 <> duration_hours`
		);
		expect(wrongDuration).toEqual(['0']);
		const eventClashes = await values(
			`SELECT count(*)::text AS v FROM calendar_events a JOIN calendar_events b
			ON a.staff_id = b.staff_id AND a.id < b.id
			AND tstzrange(a.start_datetime, a.end_datetime) && tstzrange(b.start_datetime, b.end_datetime)
			WHERE a.staff_id IN ${DEMO_STAFF}`
		);
		expect(eventClashes).toEqual(['0']);
	});

	it('logs sessions only by assigned staff, inside the participant’s plan', async () => {
		const stray = await values(
			`SELECT count(*)::text AS v FROM session_logs s JOIN participants p ON p.id = s.participant_id
			WHERE s.staff_id IN ${DEMO_STAFF} AND (s.session_date NOT BETWEEN p.plan_start_date AND p.plan_end_date
				OR NOT EXISTS (SELECT 1 FROM participant_staff ps
					WHERE ps.participant_id = s.participant_id AND ps.user_id = s.staff_id)
				OR (s.status <> 'pending') <> (s.approved_by IS NOT NULL AND s.approved_at IS NOT NULL)
				OR (s.status = 'rejected') <> (s.rejection_reason IS NOT NULL))`
		);
		expect(stray).toEqual(['0']);
	});

	it('keeps used budgets and staff totals equal to the approved sessions', async () => {
		// The seed computes them with the budget job's own code; this is the rules read another way.
		expect(await budgetMismatches(db, `p.id IN ${DEMO_PARTICIPANTS}`)).toEqual([]);
		expect(
			Number(
				(
					await values(
						`SELECT max(used_budget)::text AS v FROM participants WHERE id IN ${DEMO_PARTICIPANTS}`
					)
				)[0]
			)
		).toBeGreaterThan(0);
		const wrongStaff = await values(
			`SELECT u.email AS v FROM staff_members sm JOIN users u ON u.id = sm.user_id
			WHERE u.id IN ${DEMO_STAFF}
			AND (sm.assigned_participants_count <> (SELECT count(*) FROM participant_staff WHERE user_id = u.id)
				OR sm.total_hours <> (SELECT coalesce(sum(duration_hours), 0) FROM session_logs
					WHERE staff_id = u.id AND status = 'approved'))`
		);
		expect(wrongStaff).toEqual([]);
	});

	it('gives plans the spending they have had: a mix a manager believes, after the nightly recompute too', async () => {
		// The budget job's own recompute over the demo participants, as the nightly run does it.
		const sql = pgSql(db);
		const settings = await readProviderSettings(sql);
		const rules = { ...settings, today: providerToday(settings) };
		const ids = await values(
			`SELECT id::text AS v FROM participants WHERE id IN ${DEMO_PARTICIPANTS}`
		);
		await db.query('BEGIN');
		await recomputeBatch(sql, ids.sort(), rules);
		await db.query('COMMIT');
		expect(await budgetMismatches(db, `p.id IN ${DEMO_PARTICIPANTS}`)).toEqual([]);
		const { rows } = await db.query<{ risk: BudgetRisk; used: string; elapsed: string }>(
			`SELECT s.risk, s.used_percent::text AS used, s.plan_elapsed_percent::text AS elapsed
			FROM participants p JOIN participant_budget_stats s ON s.participant_id = p.id
			WHERE p.id IN ${DEMO_PARTICIPANTS} AND p.status = 'active'`
		);
		const states = rows.map(
			(r) => budgetVerdict(r.risk, Number(r.used), Number(r.elapsed), settings.atRiskPercent).state
		);
		for (const state of ['on_track', 'too_fast', 'underspent', 'nearly_used_up'] as const) {
			expect(states, state).toContain(state);
		}
		// Most plans are on track, and on track means spent roughly in step with the plan's time.
		const onTrack = rows.filter((r) => r.risk === 'on_track');
		expect(onTrack.length).toBeGreaterThan(rows.length / 3);
		for (const r of onTrack) {
			expect(Number(r.used) / Number(r.elapsed)).toBeGreaterThan(0.6);
		}
		// Plans that started months ago have months of spending, not 5% at half-way.
		const longRunning = rows.filter((r) => Number(r.elapsed) >= 50 && r.risk !== 'underspending');
		expect(longRunning.length).toBeGreaterThan(0);
		for (const r of longRunning) expect(Number(r.used)).toBeGreaterThan(30);
	});

	it('logs no session that has not ended yet', async () => {
		const future = await values(
			`SELECT count(*)::text AS v FROM session_logs s WHERE s.staff_id IN ${DEMO_STAFF}
			AND ((s.session_date + s.end_time + CASE WHEN s.ends_next_day THEN interval '1 day' ELSE interval '0' END)
				AT TIME ZONE 'Australia/Sydney') > now()`
		);
		expect(future).toEqual(['0']);
	});

	it('issues invoices whose lines add up, with dates that fit their status', async () => {
		const today =
			(await values(`SELECT (now() AT TIME ZONE 'Australia/Sydney')::date::text AS v`))[0] ?? '';
		const { rows } = await db.query<{ problem: string }>(
			`SELECT i.invoice_number || ' ' || i.status AS problem FROM invoices i
			WHERE i.participant_id IN ${DEMO_PARTICIPANTS} AND (
				i.subtotal <> (SELECT sum(amount) FROM invoice_items WHERE invoice_id = i.id)
				OR i.total_amount <> i.subtotal + i.gst_amount OR i.gst_amount <> 0
				OR EXISTS (SELECT 1 FROM invoice_items WHERE invoice_id = i.id AND amount <> round(quantity * rate, 2))
				OR (i.status = 'draft') <> (i.sent_at IS NULL)
				OR (i.status = 'paid') <> (i.paid_at IS NOT NULL)
				OR i.paid_at < i.sent_at
				OR (i.status = 'overdue' AND i.due_date >= $1::date)
				OR (i.status = 'sent' AND i.due_date < $1::date))`,
			[today]
		);
		expect(rows).toEqual([]);
		const billedTwice = await values(
			`SELECT ii.session_log_id::text AS v FROM invoice_items ii JOIN invoices i ON i.id = ii.invoice_id
			WHERE ii.session_log_id IS NOT NULL AND i.participant_id IN ${DEMO_PARTICIPANTS}
			GROUP BY ii.session_log_id HAVING count(*) > 1`
		);
		expect(billedTwice).toEqual([]);
	});

	it('writes every document file to disk with the size and sha256 on its row', async () => {
		const { rows } = await db.query<{ file_path: string; file_size: string; sha256: string }>(
			'SELECT file_path, file_size::text, sha256 FROM documents WHERE id = ANY($1::uuid[])',
			[firstRun.documentIds]
		);
		expect(rows).toHaveLength(firstRun.documentIds.length);
		expect(rows.length).toBeGreaterThan(40);
		for (const row of rows) {
			const bytes = await readFile(join(documentsDir, row.file_path));
			expect(bytes.length).toBe(Number(row.file_size));
			expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);
			expect(bytes.subarray(0, 5).toString('latin1')).toMatch(/^(%PDF-|\x89PNG)/);
		}
		const today =
			(await values(`SELECT (now() AT TIME ZONE 'Australia/Sydney')::date::text AS v`))[0] ?? '';
		const misfiled = await values(
			`SELECT name AS v FROM documents WHERE id IN (${firstRun.documentIds.map((id) => `'${id}'`).join(', ')})
			AND status::text <> CASE
				WHEN expiry_date IS NULL OR expiry_date > '${addDays(today, 30)}' THEN 'current'
				WHEN expiry_date < '${today}' THEN 'expired' ELSE 'expiring_soon' END`
		);
		expect(misfiled).toEqual([]);
	});

	it('points every demo notification at a real row, read and unread', async () => {
		const { rows } = await db.query<{
			related_table: string | null;
			related_id: string;
			is_read: boolean;
		}>(
			// The seed's own (version-5 ids): other tests notify the demo coordinators too, about
			// sessions that later tests remove (TRUNCATE ndis_item_codes CASCADE).
			`SELECT related_table, related_id, is_read FROM notifications
			WHERE user_id IN ${DEMO_STAFF} AND substr(id::text, 15, 1) = '5'`
		);
		expect(new Set(rows.map((r) => r.is_read))).toEqual(new Set([true, false]));
		// The background jobs notify demo accounts too (the access review, a digest of many
		// documents, which points at a list rather than one row).
		const allowed = [
			'session_logs',
			'participants',
			'documents',
			'invoices',
			'users',
			'access_reviews'
		];
		for (const row of rows) {
			if (row.related_table === null) continue;
			expect(allowed).toContain(row.related_table);
			const found = await db.query(`SELECT 1 FROM ${row.related_table} WHERE id = $1`, [
				row.related_id
			]);
			expect(found.rowCount, `${row.related_table} ${row.related_id}`).toBe(1);
		}
		const alert = await values(
			`SELECT n.title AS v FROM notifications n JOIN users u ON u.id = n.user_id
			WHERE u.email = 'admin@demo.test' AND n.type = 'error'`
		);
		expect(alert.join()).toMatch(/security/i);
	});

	it('installs every default system setting with its type', async () => {
		const { rows } = await db.query<{
			setting_key: string;
			setting_type: string;
			is_editable: boolean;
		}>(
			'SELECT setting_key, setting_type, is_editable FROM system_settings WHERE setting_key = ANY($1)',
			[SYSTEM_SETTINGS.map((s) => s.key)]
		);
		expect(rows).toHaveLength(SYSTEM_SETTINGS.length);
		const byKey = new Map(rows.map((r) => [r.setting_key, r]));
		expect(byKey.get('session.idle_timeout_minutes')?.setting_type).toBe('number');
		expect(byKey.get('documents.allowed_types')?.setting_type).toBe('json');
		expect(byKey.get('system.schema_version')?.is_editable).toBe(false);
	});
});

describe('demo seed without the NDIS catalogue', () => {
	it('stops with the import command to run, and writes nothing', async () => {
		const scratch = await createScratchDatabase('seed_no_catalogue');
		try {
			const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--demo'], {
				env: { ...process.env, NODE_ENV: 'test', DATABASE_OWNER_URL_TEST: scratch.url },
				encoding: 'utf8'
			});
			expect(run.stderr).toContain(MISSING_CATALOGUE_MESSAGE);
			expect(run.status).toBe(1);
			const client = new pg.Client({ connectionString: scratch.url });
			await client.connect();
			const users = await client.query('SELECT 1 FROM users');
			await client.end();
			expect(users.rowCount).toBe(0);
		} finally {
			await scratch.drop();
		}
	});
});
