/**
 * Month partitions are created a year ahead of time for the tables partitioned by month, so a
 * session or audit row never lands in the DEFAULT partition for want of its month (rows there
 * block that month's partition from ever being created). ensure_monthly_partitions is idempotent.
 */
import type pg from 'pg';
import { addDays } from '../time';

export const MONTHLY_TABLES = ['session_logs', 'audit_logs'] as const;
export const MONTHS_AHEAD = 12;

export type PartitionReport = {
	table: string;
	created: string[];
	skipped: { partition: string; reason: string }[];
};

export async function ensurePartitions(
	client: pg.ClientBase,
	today: string
): Promise<PartitionReport[]> {
	const reports: PartitionReport[] = [];
	// From last month, so a month just begun (and late logs for the one before) is covered too.
	const from = addDays(`${today.slice(0, 7)}-01`, -1);
	for (const table of MONTHLY_TABLES) {
		const { rows } = await client.query<{
			partition_name: string;
			created: boolean;
			skipped_reason: string | null;
		}>(
			`SELECT * FROM ensure_monthly_partitions($1::regclass, $2::date, ($3::date + interval '${MONTHS_AHEAD} months')::date)`,
			[table, from, today]
		);
		reports.push({
			table,
			created: rows.filter((r) => r.created).map((r) => r.partition_name),
			skipped: rows
				.filter((r) => !r.created && r.skipped_reason !== 'exists')
				.map((r) => ({ partition: r.partition_name, reason: r.skipped_reason ?? '' }))
		});
	}
	return reports;
}
