/**
 * Partitioning as the spec asks: rows for past, current and far-future dates all land somewhere
 * (no insert is refused), in the month's partition when it exists and in the default partition
 * otherwise; documents land in their type's partition; and links to a partitioned session survive
 * a change of its date. Each test runs in a transaction that is rolled back.
 */
import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { ownerClient } from './pg';

let client: pg.Client;
let userId: string;
let participantId: string;

beforeAll(async () => {
	client = await ownerClient();
});
afterAll(async () => {
	await client.end();
});

beforeEach(async () => {
	await client.query('BEGIN');
	const user = await client.query<{ id: string }>(
		`INSERT INTO users (email, password_hash, name, role)
		VALUES ('partitions-' || gen_random_uuid() || '@test.example', 'x', 'P', 'support_worker') RETURNING id`
	);
	userId = user.rows[0]!.id;
	const participant = await client.query<{ id: string }>(
		`INSERT INTO participants (ndis_number, name) VALUES ('4309' || lpad((random() * 99999)::int::text, 5, '0'), 'P')
		RETURNING id`
	);
	participantId = participant.rows[0]!.id;
});
afterEach(async () => {
	await client.query('ROLLBACK');
});

async function insertSession(date: string, start = '09:00', end = '11:00', duration = '2.00') {
	const { rows } = await client.query<{ id: string; partition: string; ends_next_day: boolean }>(
		`INSERT INTO session_logs (participant_id, staff_id, service_type, session_date, start_time, end_time, duration_hours)
		VALUES ($1, $2, 'Community access', $3, $4, $5, $6)
		RETURNING id, tableoid::regclass::text AS partition, ends_next_day`,
		[participantId, userId, date, start, end, duration]
	);
	return rows[0]!;
}

const monthName = (table: string, date: Date) =>
	`${table}_y${date.getUTCFullYear()}m${String(date.getUTCMonth() + 1).padStart(2, '0')}`;

describe('session_logs', () => {
	it('puts past, current and far-future sessions in the right partitions', async () => {
		const now = new Date();
		const twoYearsAgo = new Date(Date.UTC(now.getUTCFullYear() - 2, now.getUTCMonth(), 15));
		const today = now.toISOString().slice(0, 10);

		expect((await insertSession(twoYearsAgo.toISOString().slice(0, 10))).partition).toBe(
			monthName('session_logs', twoYearsAgo)
		);
		expect((await insertSession(today)).partition).toBe(monthName('session_logs', now));
		expect((await insertSession('2091-03-10')).partition).toBe('session_logs_default');
		expect((await insertSession('1999-12-31')).partition).toBe('session_logs_default');
	});

	it('marks overnight sessions as ending the next day', async () => {
		expect((await insertSession('2026-11-20', '22:00', '07:00', '9.00')).ends_next_day).toBe(true);
		expect((await insertSession('2026-11-21', '09:00', '11:00', '2.00')).ends_next_day).toBe(false);
	});

	it('keeps a progress note linked when its session moves to another month', async () => {
		const session = await insertSession('2026-10-31');
		await client.query(
			`INSERT INTO progress_notes (participant_id, session_log_id, session_log_date, worker_id, date)
			VALUES ($1, $2, '2026-10-31', $3, '2026-10-31')`,
			[participantId, session.id, userId]
		);
		const moved = await client.query<{ partition: string }>(
			`UPDATE session_logs SET session_date = '2026-11-02' WHERE id = $1
			RETURNING tableoid::regclass::text AS partition`,
			[session.id]
		);
		expect(moved.rows[0]!.partition).toBe('session_logs_y2026m11');
		const note = await client.query<{ session_log_date: string }>(
			`SELECT session_log_date::text FROM progress_notes WHERE session_log_id = $1`,
			[session.id]
		);
		expect(note.rows).toEqual([{ session_log_date: '2026-11-02' }]);
	});

	it('refuses a progress note pointing at a session that does not exist', async () => {
		await expect(
			client.query(
				`INSERT INTO progress_notes (participant_id, session_log_id, session_log_date, worker_id, date)
				VALUES ($1, gen_random_uuid(), '2026-10-31', $2, '2026-10-31')`,
				[participantId, userId]
			)
		).rejects.toThrow(/progress_notes_session_log_fkey/);
	});
});

describe('ensure_monthly_partitions', () => {
	it('creates future months, is idempotent, and leaves months held by the default partition alone', async () => {
		await insertSession('2093-05-10');
		const { rows } = await client.query<{
			partition_name: string;
			created: boolean;
			skipped_reason: string | null;
		}>(`SELECT * FROM ensure_monthly_partitions('session_logs', '2093-04-01', '2093-06-30')`);
		expect(rows).toEqual([
			{ partition_name: 'session_logs_y2093m04', created: true, skipped_reason: null },
			{
				partition_name: 'session_logs_y2093m05',
				created: false,
				skipped_reason: 'rows for this month are in the default partition'
			},
			{ partition_name: 'session_logs_y2093m06', created: true, skipped_reason: null }
		]);
		const again = await client.query<{ created: boolean }>(
			`SELECT * FROM ensure_monthly_partitions('session_logs', '2093-04-01', '2093-04-30')`
		);
		expect(again.rows[0]?.created).toBe(false);
		expect((await insertSession('2093-04-02')).partition).toBe('session_logs_y2093m04');
	});
});

describe('audit_logs and documents', () => {
	it('puts audit rows of any date somewhere, by month', async () => {
		const partitionFor = async (at: string) => {
			const { rows } = await client.query<{ partition: string }>(
				`INSERT INTO audit_logs (action, created_at) VALUES ('test', $1)
				RETURNING tableoid::regclass::text AS partition`,
				[at]
			);
			return rows[0]!.partition;
		};
		const now = new Date();
		expect(await partitionFor(now.toISOString())).toBe(monthName('audit_logs', now));
		expect(await partitionFor('2095-01-01T00:00:00Z')).toBe('audit_logs_default');
	});

	it('puts each document type in its own partition', async () => {
		for (const type of ['ndis_plan', 'certificate', 'photo']) {
			const { rows } = await client.query<{ partition: string }>(
				`INSERT INTO documents (name, type, uploaded_by, file_path, file_size)
				VALUES ('Doc', $1, $2, 'x', 1) RETURNING tableoid::regclass::text AS partition`,
				[type, userId]
			);
			expect(rows[0]!.partition).toBe(`documents_${type}`);
		}
	});

	it('finds documents by words in their name or tags', async () => {
		await client.query(
			`INSERT INTO documents (name, type, uploaded_by, file_path, file_size, tags) VALUES
			('Functional Capacity Assessment 2026', 'assessment', $1, 'a', 1, '["occupational therapy"]'),
			('Working with Children Check', 'certificate', $1, 'b', 1, '["screening", "wwcc"]')`,
			[userId]
		);
		const search = async (q: string) => {
			const { rows } = await client.query<{ name: string }>(
				`SELECT name FROM documents WHERE search_vector @@ websearch_to_tsquery('english', $1)
				AND uploaded_by = $2 ORDER BY name`,
				[q, userId]
			);
			return rows.map((r) => r.name);
		};
		expect(await search('assessments')).toEqual(['Functional Capacity Assessment 2026']);
		expect(await search('screening')).toEqual(['Working with Children Check']);
		expect(await search('therapy')).toEqual(['Functional Capacity Assessment 2026']);
	});
});
