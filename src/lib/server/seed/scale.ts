/**
 * `npm run seed -- --scale N`: a large, deterministic data set for benchmarks, generated inside
 * PostgreSQL with set-based INSERT … SELECT over generate_series, every value derived from an md5
 * of the row's key. Same N, same rows, byte for byte (dates relative to the day it runs).
 *
 * Idempotent by replacement: the previous scale data set (see cleanup.ts) is deleted and rebuilt
 * in the same transaction; demo and real data are never touched. Participants are processed in
 * chunks so temp tables stay small for any N.
 */
import { inTransaction, type Db } from './db';
import { sydneyToday } from './dates';
import { loadItemCodes } from './item-codes';
import { refreshStaffTotals, refreshUsedBudgets } from './totals';
import { prepareScaleContext } from './scale-data/context';
import { planScale, EMAIL_DOMAIN, NDIS_BASE, MAX_PARTICIPANTS } from './scale-data/plan';
import { insertParticipants, insertStaff } from './scale-data/people';
import { buildSessions } from './scale-data/sessions';
import { buildInvoices } from './scale-data/billing';
import { buildRecords } from './scale-data/records';
import { buildAudit } from './scale-data/audit';
import { deleteScaleData } from './scale-data/cleanup';

export { planScale } from './scale-data/plan';

const CHUNK = 5000;

export type ScaleCounts = Record<string, number>;

export interface ScaleOptions {
	now?: Date;
	log?: (message: string) => void;
}

const ANALYZED = [
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
	'audit_logs'
];

export async function seedScale(
	db: Db,
	n: number,
	options: ScaleOptions = {}
): Promise<ScaleCounts> {
	const plan = planScale(n);
	const log = options.log ?? (() => {});
	const today = sydneyToday(options.now);
	const counts: ScaleCounts = {};
	const add = (key: string, value: number) => (counts[key] = (counts[key] ?? 0) + value);
	const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
		const started = performance.now();
		const result = await work();
		log(`  ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
		return result;
	};

	await inTransaction(db, async () => {
		await db.query(`SELECT pg_advisory_xact_lock(hashtext('ndis-seed'))`);
		await db.query(BULK_LOAD);
		const items = await loadItemCodes(db);
		await prepareScaleContext(db, items);
		const removed = await timed('removed the previous scale data', () =>
			deleteScaleData(db, plan.staff)
		);
		log(`    (${removed.participants} participants, ${removed.users} users)`);
		// Sessions and audit rows span 24 months; make sure each month has its partition.
		for (const table of ['session_logs', 'audit_logs']) {
			await db.query(
				`SELECT count(*) FROM ensure_monthly_partitions($1::regclass, $2::date - 740, $2::date + 31)`,
				[table, today]
			);
		}
		add('users', await timed('staff', () => insertStaff(db, plan, today)));
		counts.staff_members = counts.users ?? 0;

		for (let from = 1; from <= n; from += CHUNK) {
			const to = Math.min(n, from + CHUNK - 1);
			log(` participants ${from}–${to}`);
			const people = await timed('participants', () => insertParticipants(db, plan, from, to));
			add('participants', people.participants);
			add('participant_staff', people.assignments);
			const sessions = await timed('sessions', () => buildSessions(db, plan, from, to));
			add('session_logs', sessions.sessions);
			add('progress_notes', sessions.progressNotes);
			const billing = await timed('invoices', () => buildInvoices(db, from, to));
			add('invoices', billing.invoices);
			add('invoice_items', billing.invoiceItems);
			const records = await timed('goals, documents, roster', () => buildRecords(db, plan));
			add('participant_goals', records.goals);
			add('documents', records.documents);
			add('calendar_events', records.events);
			add('audit_logs', await timed('audit trail', () => buildAudit(db, plan)));
		}
		// Fresh statistics before the totals: planned against the empty tables of the start, those
		// joins would run as nested loops over millions of rows. Committed with the data.
		await timed('ANALYZE', () => db.query(`ANALYZE ${ANALYZED.join(', ')}`));
		await timed('staff totals and used budgets', async () => {
			await refreshStaffTotals(db, {
				where: `sm.user_id IN (SELECT id FROM users WHERE email LIKE $1)`,
				params: [`%@${EMAIL_DOMAIN}`]
			});
			await refreshUsedBudgets(db, {
				where: `length(p.ndis_number) = 9 AND p.ndis_number BETWEEN $1 AND $2`,
				params: [String(NDIS_BASE + 1), String(NDIS_BASE + MAX_PARTICIPANTS)]
			});
		});
	});
	return counts;
}

/**
 * Deletes the scale data set. Users go last, in their own transaction after a VACUUM: checking
 * that no session names a deleted user as approver scans session_logs (approved_by has no index),
 * and that scan is quick only once the million deleted sessions are vacuumed away.
 */
/**
 * Benchmark rows are generated, not changed by anyone: the audit trigger stands aside (only the
 * schema owner can ask it to), and the scale seed writes its own synthetic audit history instead.
 */
const BULK_LOAD = `SET LOCAL app.bulk_load = 'on'`;

export async function removeScaleData(db: Db) {
	const locked = async <T>(work: () => Promise<T>) =>
		inTransaction(db, async () => {
			await db.query(`SELECT pg_advisory_xact_lock(hashtext('ndis-seed'))`);
			await db.query(BULK_LOAD);
			return work();
		});
	const rows = await locked(() => deleteScaleData(db, Number.MAX_SAFE_INTEGER));
	await db.query('VACUUM (ANALYZE) session_logs, audit_logs');
	const users = await locked(() => deleteScaleData(db));
	return { participants: rows.participants, users: users.users };
}
