/**
 * The weekly statistics update: ANALYZE of the tables that grow, so the planner keeps choosing
 * index scans as they grow (autovacuum's own thresholds lag on big, append-mostly tables).
 */
import type pg from 'pg';

export const LARGE_TABLES = [
	'session_logs',
	'audit_logs',
	'documents',
	'notifications',
	'invoices',
	'invoice_items',
	'progress_notes',
	'calendar_events',
	'participants',
	'participant_monthly_spend'
] as const;

export async function analyzeLargeTables(client: pg.ClientBase) {
	const timings: Record<string, number> = {};
	for (const table of LARGE_TABLES) {
		const started = performance.now();
		await client.query(`ANALYZE ${table}`);
		timings[table] = Math.round(performance.now() - started);
	}
	return timings;
}
