/**
 * Row-level security, as the app role sees it with raw SQL: a support worker's context sees none of
 * an unassigned participant's rows, whatever the query; no context sees nothing at all; managers
 * see everything. Fixtures are written by the owner and removed afterwards.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../src/lib/server/config';
import { CONTEXT_SQL, contextParams, type Actor } from '../src/lib/server/db/context';
import { ownerClient } from './pg';

let owner: pg.Client;
let app: pg.Client;
const ids: Record<string, string> = {};
const tag = `rls-${process.pid}-${Date.now()}`;

async function insert(sql: string, params: unknown[]): Promise<string> {
	const { rows } = await owner.query<{ id: string }>(sql, params);
	return rows[0]!.id;
}

beforeAll(async () => {
	owner = await ownerClient();
	app = new pg.Client({ connectionString: config.databaseUrl });
	await app.connect();
	await owner.query(`SET app.bulk_load = 'on'`);
	const user = (role: string, name: string) =>
		insert(
			`INSERT INTO users (email, password_hash, name, role) VALUES ($1, 'x', $2, $3) RETURNING id`,
			[`${name}-${tag}@test.example`, name, role]
		);
	ids.workerA = await user('support_worker', 'worker-a');
	ids.workerB = await user('support_worker', 'worker-b');
	ids.coordinator = await user('support_coordinator', 'coord');
	const participant = (n: string) =>
		insert(`INSERT INTO participants (ndis_number, name, notes) VALUES ($1, $2, $3) RETURNING id`, [
			`4388${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`,
			`P ${n} ${tag}`,
			tag
		]);
	ids.p1 = await participant('one');
	ids.p2 = await participant('two');
	await owner.query(
		`INSERT INTO participant_staff (participant_id, user_id) VALUES ($1, $2), ($3, $4)`,
		[ids.p1, ids.workerA, ids.p2, ids.workerB]
	);
	for (const [p, w] of [
		[ids.p1, ids.workerA],
		[ids.p2, ids.workerB]
	]) {
		await owner.query(
			`INSERT INTO session_logs (participant_id, staff_id, service_type, session_date, start_time, end_time, duration_hours)
			VALUES ($1, $2, $3, '2026-11-02', '09:00', '10:00', 1)`,
			[p, w, tag]
		);
		await owner.query(
			`INSERT INTO participant_goals (participant_id, category, goal) VALUES ($1, 'Daily living', $2)`,
			[p, tag]
		);
		await owner.query(
			`INSERT INTO documents (name, type, participant_id, uploaded_by, file_path, file_size)
			VALUES ($1, 'report', $2, $3, 'x', 1)`,
			[tag, p, ids.coordinator]
		);
		await owner.query(
			`INSERT INTO progress_notes (participant_id, worker_id, date, notes) VALUES ($1, $2, '2026-11-02', $3)`,
			[p, w, tag]
		);
	}
});

afterAll(async () => {
	await app?.end();
	if (owner) {
		await owner.query(`SET app.bulk_load = 'on'`);
		for (const table of ['progress_notes', 'documents', 'participant_goals', 'session_logs']) {
			const column =
				table === 'session_logs'
					? 'service_type'
					: table === 'documents'
						? 'name'
						: table === 'progress_notes'
							? 'notes'
							: 'goal';
			await owner.query(`DELETE FROM ${table} WHERE ${column} = $1`, [tag]);
		}
		await owner.query(`DELETE FROM participants WHERE notes = $1`, [tag]);
		await owner.query(`DELETE FROM users WHERE email LIKE $1`, [`%-${tag}@test.example`]);
		await owner.end();
	}
});

/** Runs queries as the app role inside a transaction carrying `actor`, then rolls back. */
async function as<T>(actor: Actor | null, work: () => Promise<T>): Promise<T> {
	await app.query('BEGIN');
	try {
		if (actor) await app.query(CONTEXT_SQL, contextParams(actor));
		return await work();
	} finally {
		await app.query('ROLLBACK');
	}
}

async function visibleParticipants(): Promise<string[]> {
	const { rows } = await app.query<{ id: string }>(
		`SELECT id FROM participants WHERE notes = $1 ORDER BY name`,
		[tag]
	);
	return rows.map((r) => r.id);
}

async function countOf(table: string, column: string): Promise<number> {
	const { rows } = await app.query<{ n: number }>(
		`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`,
		[tag]
	);
	return rows[0]!.n;
}

const worker = (id: string): Actor => ({ userId: id, role: 'support_worker' });

describe('row-level security for the app role', () => {
	it("shows a support worker none of an unassigned participant's rows", async () => {
		await as(worker(ids.workerA!), async () => {
			expect(await visibleParticipants()).toEqual([ids.p1]);
			const { rows } = await app.query(`SELECT * FROM participants WHERE id = $1`, [ids.p2]);
			expect(rows).toEqual([]);
			expect(await countOf('session_logs', 'service_type')).toBe(1);
			expect(await countOf('participant_goals', 'goal')).toBe(1);
			expect(await countOf('documents', 'name')).toBe(1);
			expect(await countOf('progress_notes', 'notes')).toBe(1);
			// Joins cannot reach around the policy either.
			const joined = await app.query(
				`SELECT s.id FROM session_logs s JOIN participants p ON p.id = s.participant_id WHERE p.id = $1`,
				[ids.p2]
			);
			expect(joined.rows).toEqual([]);
		});
	});

	it('shows nothing at all without a request context', async () => {
		await as(null, async () => {
			expect(await visibleParticipants()).toEqual([]);
			expect(await countOf('session_logs', 'service_type')).toBe(0);
			expect(await countOf('documents', 'name')).toBe(0);
		});
	});

	it('shows a coordinator every participant', async () => {
		await as({ userId: ids.coordinator!, role: 'support_coordinator' }, async () => {
			expect((await visibleParticipants()).sort()).toEqual([ids.p1, ids.p2].sort());
			expect(await countOf('session_logs', 'service_type')).toBe(2);
		});
	});

	it('refuses a worker writing for a participant not assigned to them', async () => {
		await as(worker(ids.workerA!), async () => {
			await expect(
				app.query(
					`INSERT INTO session_logs (participant_id, staff_id, service_type, session_date, start_time, end_time, duration_hours)
					VALUES ($1, $2, 'x', '2026-11-03', '09:00', '10:00', 1)`,
					[ids.p2, ids.workerA]
				)
			).rejects.toThrow(/row-level security/);
		});
		await as(worker(ids.workerA!), async () => {
			const updated = await app.query(`UPDATE participants SET name = 'changed' WHERE id = $1`, [
				ids.p1
			]);
			expect(updated.rowCount).toBe(0);
		});
	});

	it('cannot reach a partition directly, around the policies', async () => {
		await as(worker(ids.workerA!), async () => {
			await expect(app.query(`SELECT * FROM session_logs_y2026m11`)).rejects.toThrow(
				/permission denied/
			);
		});
	});
});
