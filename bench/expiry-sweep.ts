/**
 * The document expiry sweep over 100,000 documents (added here for the run and removed after, on
 * top of whatever the database already holds): expiry dates spread over two years around today,
 * all marked current, so the first sweep has tens of thousands of transitions to make and
 * announce (the catch-up after an outage, or a first install); then the steady daily sweep with
 * nothing to move; then tomorrow's sweep, with one day's worth of transitions.
 */
import { ownerClient } from '../tests/pg';
import { closeDb } from '../src/lib/server/db';
import { runAs, SYSTEM } from '../src/lib/server/db/context';
import { sweepDocumentExpiry } from '../src/lib/server/documents/expiry';
import { closeRedis } from '../src/lib/server/redis';
import type { Benchmark } from './run';

const DOCUMENTS = 100_000;
const UPLOADERS = 50;

export const expirySweep: Benchmark = {
	name: 'expiry-sweep',
	description: `document expiry sweep over ${DOCUMENTS.toLocaleString()} documents`,
	async run() {
		const db = await ownerClient();
		const run = Date.now().toString(36);
		const bulk = async (sql: string, params: unknown[] = []) => {
			await db.query('BEGIN');
			await db.query(`SET LOCAL app.bulk_load = 'on'`);
			await db.query(sql, params);
			await db.query('COMMIT');
		};
		try {
			// Fifty uploaders who do not want these by email (the bench sends no mail).
			const { rows: users } = await db.query<{ id: string }>(
				`INSERT INTO users (email, password_hash, name, role)
				SELECT 'bench-expiry-' || $1 || '-' || g || '@bench.test', 'x', 'Bench uploader ' || g, 'support_worker'
				FROM generate_series(1, $2) g RETURNING id`,
				[run, UPLOADERS]
			);
			const ids = users.map((u) => u.id);
			await db.query(
				`INSERT INTO user_settings (user_id, setting_key, setting_value)
				SELECT unnest($1::uuid[]), 'notifications.email.document_expiring', 'false'`,
				[ids]
			);
			await bulk(
				`INSERT INTO documents (name, type, uploaded_by, file_path, file_size, expiry_date, status, tags)
				SELECT 'Bench certificate ' || g, 'certificate', ($1::uuid[])[1 + (g / 800) % $2], 'bench/none.pdf', 1,
					current_date - 400 + (g % 800), 'current', '["bench"]'::jsonb
				FROM generate_series(1, $3) g`,
				[ids, UPLOADERS, DOCUMENTS]
			);
			await db.query('ANALYZE documents');
			const total = Number((await db.query(`SELECT count(*) AS n FROM documents`)).rows[0]?.n ?? 0);

			const timed = async (asOf?: Date) => {
				const started = performance.now();
				const result = await runAs(SYSTEM, () => sweepDocumentExpiry({ asOf }));
				return { ...result, seconds: (performance.now() - started) / 1000 };
			};
			const catchUp = await timed();
			const steady = await timed();
			const tomorrow = await timed(new Date(Date.now() + 86_400_000));
			// Everything else in the database back to today's statuses.
			await timed();
			const notifications = Number(
				(
					await db.query(
						`SELECT count(*) AS n FROM notifications WHERE user_id = ANY($1::uuid[])`,
						[ids]
					)
				).rows[0]?.n ?? 0
			);
			return {
				'documents in the database': total,
				'catch-up sweep (s)': Number(catchUp.seconds.toFixed(2)),
				'catch-up transitions': catchUp.moved,
				'daily sweep, nothing to move (s)': Number(steady.seconds.toFixed(2)),
				"next day's sweep (s)": Number(tomorrow.seconds.toFixed(2)),
				"next day's transitions": tomorrow.moved,
				'notifications written, both sweeps (summaries for many)': notifications
			};
		} finally {
			await bulk(
				`DELETE FROM documents WHERE uploaded_by IN (SELECT id FROM users WHERE email LIKE $1)`,
				[`bench-expiry-${run}-%`]
			).catch((err: unknown) => console.error(err));
			await db.query(`UPDATE users SET is_active = false WHERE email LIKE $1`, [
				`bench-expiry-${run}-%`
			]);
			await db.end();
			await closeRedis();
			await closeDb();
		}
	}
};
