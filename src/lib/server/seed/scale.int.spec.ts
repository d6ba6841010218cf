import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOwner } from './db';
import { planScale, removeScaleData, seedScale } from './scale';
import { budgetMismatches } from '../../../../tests/budget-truth';
import {
	AUDIT_PER_PARTICIPANT,
	DOCUMENTS_PER_PARTICIPANT,
	GOALS_PER_PARTICIPANT,
	INVOICES_PER_PARTICIPANT,
	SESSIONS_PER_PARTICIPANT
} from './scale-data/plan';
import { ensureCatalogue } from './test-catalogue';

const N = 50;
const SCALE_USERS = `(SELECT id FROM users WHERE email LIKE '%@scale.test')`;
const SCALE_PARTICIPANTS = `(SELECT id FROM participants WHERE ndis_number BETWEEN '438000001' AND '439000000')`;

// The scale data set, table by table; snapshot() counts it and fingerprints its content.
const SCALE_ROWS: Record<string, string> = {
	users: `SELECT id, email, name, role FROM users WHERE id IN ${SCALE_USERS}`,
	staff_members: `SELECT id, user_id, hourly_rate, status, total_hours FROM staff_members
		WHERE user_id IN ${SCALE_USERS}`,
	participants: `SELECT id, ndis_number, name, plan_end_date, total_budget, used_budget
		FROM participants WHERE id IN ${SCALE_PARTICIPANTS}`,
	participant_staff: `SELECT id, participant_id, user_id FROM participant_staff
		WHERE participant_id IN ${SCALE_PARTICIPANTS}`,
	session_logs: `SELECT id, session_date, start_time, end_time, duration_hours, status, staff_id
		FROM session_logs WHERE participant_id IN ${SCALE_PARTICIPANTS}`,
	progress_notes: `SELECT id, date, notes FROM progress_notes WHERE participant_id IN ${SCALE_PARTICIPANTS}`,
	participant_goals: `SELECT id, status, progress_percentage FROM participant_goals
		WHERE participant_id IN ${SCALE_PARTICIPANTS}`,
	calendar_events: `SELECT id, start_datetime, status FROM calendar_events
		WHERE participant_id IN ${SCALE_PARTICIPANTS}`,
	invoices: `SELECT id, invoice_number, total_amount, status FROM invoices
		WHERE participant_id IN ${SCALE_PARTICIPANTS}`,
	invoice_items: `SELECT ii.id, ii.amount FROM invoice_items ii JOIN invoices i ON i.id = ii.invoice_id
		WHERE i.participant_id IN ${SCALE_PARTICIPANTS}`,
	documents: `SELECT id, name, status, expiry_date FROM documents WHERE participant_id IN ${SCALE_PARTICIPANTS}`,
	audit_logs: `SELECT id, action, table_name, record_id, created_at FROM audit_logs WHERE user_id IN ${SCALE_USERS}`
};

let db: pg.Client;

async function snapshot() {
	const result: Record<string, { rows: number; fingerprint: string }> = {};
	for (const [table, sql] of Object.entries(SCALE_ROWS)) {
		const { rows } = await db.query<{ n: number; f: string }>(
			`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS f
			FROM (${sql}) t`
		);
		result[table] = { rows: rows[0]?.n ?? -1, fingerprint: rows[0]?.f ?? '' };
	}
	return result;
}

async function count(sql: string): Promise<number> {
	const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) t`);
	return rows[0]?.n ?? -1;
}

async function otherRows() {
	return {
		participants: await count(`SELECT 1 FROM participants WHERE id NOT IN ${SCALE_PARTICIPANTS}`),
		users: await count(`SELECT 1 FROM users WHERE id NOT IN ${SCALE_USERS}`),
		sessions: await count(
			`SELECT 1 FROM session_logs WHERE participant_id NOT IN ${SCALE_PARTICIPANTS}`
		)
	};
}

beforeAll(async () => {
	db = await connectOwner();
	await ensureCatalogue(db);
});

afterAll(async () => {
	if (!db) return;
	await removeScaleData(db);
	await db.end();
});

describe('scale seed', () => {
	it('gives the same rows for the same N, in proportion to N, and leaves other data alone', async () => {
		const others = await otherRows();
		const first = await seedScale(db, N);
		const afterFirst = await snapshot();
		const second = await seedScale(db, N);
		const afterSecond = await snapshot();

		expect(second).toEqual(first);
		expect(afterSecond).toEqual(afterFirst);
		expect(await otherRows()).toEqual(others);

		const rows = Object.fromEntries(Object.entries(afterSecond).map(([t, s]) => [t, s.rows]));
		const staff = planScale(N).staff;
		expect(rows).toEqual({
			users: staff,
			staff_members: staff,
			participants: N,
			participant_staff: N * 3,
			session_logs: N * SESSIONS_PER_PARTICIPANT,
			progress_notes: first.progress_notes,
			participant_goals: N * GOALS_PER_PARTICIPANT,
			calendar_events: N,
			invoices: N * INVOICES_PER_PARTICIPANT,
			invoice_items: first.invoice_items,
			documents: N * DOCUMENTS_PER_PARTICIPANT,
			audit_logs: N * AUDIT_PER_PARTICIPANT
		});
		expect(first.invoice_items).toBeGreaterThan(N * INVOICES_PER_PARTICIPANT);
		expect(first).toMatchObject(rows);
	});

	it('keeps the scale data consistent: no double-booked staff, invoices that add up', async () => {
		const span = (a: string) => `tsrange(${a}.session_date + ${a}.start_time,
			${a}.session_date + ${a}.end_time + CASE WHEN ${a}.ends_next_day THEN interval '1 day' ELSE interval '0' END)`;
		expect(
			await count(`SELECT 1 FROM session_logs a JOIN session_logs b ON a.staff_id = b.staff_id
				AND a.id < b.id AND ${span('a')} && ${span('b')} WHERE a.staff_id IN ${SCALE_USERS}`)
		).toBe(0);
		expect(
			await count(`SELECT 1 FROM session_logs WHERE staff_id IN ${SCALE_USERS} AND ends_next_day`)
		).toBeGreaterThan(0);
		expect(
			await count(`SELECT 1 FROM session_logs s WHERE s.participant_id IN ${SCALE_PARTICIPANTS}
				AND NOT EXISTS (SELECT 1 FROM participant_staff ps
					WHERE ps.participant_id = s.participant_id AND ps.user_id = s.staff_id)`)
		).toBe(0);
		expect(
			await count(`SELECT 1 FROM invoices i WHERE i.participant_id IN ${SCALE_PARTICIPANTS}
				AND (i.subtotal <> (SELECT sum(amount) FROM invoice_items WHERE invoice_id = i.id)
					OR i.total_amount <> i.subtotal + i.gst_amount
					OR (i.status = 'draft') <> (i.sent_at IS NULL) OR (i.status = 'paid') <> (i.paid_at IS NOT NULL))`)
		).toBe(0);
		// Used budgets come from the budget job's own code; this is the rules read another way.
		expect(await budgetMismatches(db, `p.id IN ${SCALE_PARTICIPANTS}`)).toEqual([]);
		const statuses = await db.query<{ status: string }>(
			`SELECT DISTINCT status::text FROM session_logs WHERE participant_id IN ${SCALE_PARTICIPANTS}`
		);
		expect(new Set(statuses.rows.map((r) => r.status))).toEqual(
			new Set(['pending', 'approved', 'rejected'])
		);
	});

	it('removes the whole scale data set and nothing else', async () => {
		const others = await otherRows();
		await removeScaleData(db);
		const left = await snapshot();
		for (const [table, s] of Object.entries(left)) expect(s.rows, table).toBe(0);
		expect(await otherRows()).toEqual(others);
	});
});
