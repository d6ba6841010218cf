/**
 * Monthly archiving, under the NDIS retention rule (records are kept at least 7 years): a month
 * partition whose every row is more than RETENTION_YEARS old (its upper bound is on or before
 * today minus 7 years, in the provider's calendar) is detached from its table and moved into the
 * `archive` schema. Nothing is deleted: the rows stay in the database, out of the tables the app
 * queries and out of the app role's reach; ATTACH PARTITION brings one back.
 *
 * A session month that progress notes or invoice lines still point at cannot be detached (the
 * foreign key refuses); it is left in place and reported. Each partition moves in its own
 * transaction with a short lock timeout, so a busy table delays only that month to next time.
 */
import pg from 'pg';
import { MONTHLY_TABLES } from './partitions';

export const RETENTION_YEARS = 7;

export type ArchiveReport = {
	cutoff: string;
	archived: { table: string; partition: string; rows: number; as: string }[];
	skipped: { table: string; partition: string; reason: string }[];
};

/** The first day that must stay: today − 7 years. */
export function retentionCutoff(today: string): string {
	const [y, m, d] = today.split('-').map(Number) as [number, number, number];
	// 29 February less 7 years is 1 March: the later date, so nothing younger is ever eligible.
	const date = new Date(Date.UTC(y - RETENTION_YEARS, m - 1, d));
	return date.toISOString().slice(0, 10);
}

type Part = { name: string; upper: string | null };

async function partitionsOf(client: pg.ClientBase, table: string): Promise<Part[]> {
	const { rows } = await client.query<{ name: string; bound: string }>(
		`SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
		FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
		WHERE i.inhparent = $1::regclass ORDER BY c.relname`,
		[table]
	);
	return rows.map((r) => ({
		name: r.name,
		upper: /TO \('(\d{4}-\d{2}-\d{2})/.exec(r.bound)?.[1] ?? null
	}));
}

export async function archiveOldPartitions(
	client: pg.ClientBase,
	today: string
): Promise<ArchiveReport> {
	const cutoff = retentionCutoff(today);
	const report: ArchiveReport = { cutoff, archived: [], skipped: [] };
	for (const table of MONTHLY_TABLES) {
		for (const part of await partitionsOf(client, table)) {
			// DEFAULT partitions have no upper bound and are never moved.
			if (!part.upper || part.upper > cutoff) continue;
			await client.query('BEGIN');
			try {
				await client.query(`SET LOCAL lock_timeout = '5s'`);
				const name = pg.escapeIdentifier(part.name);
				const { rows } = await client.query<{ n: string }>(
					`SELECT count(*) AS n FROM public.${name}`
				);
				await client.query(`ALTER TABLE public.${table} DETACH PARTITION public.${name}`);
				const taken = await client.query(`SELECT to_regclass($1) AS t`, [`archive.${name}`]);
				// A month archived before, then made again (a backdated import): keep both, apart.
				const as = taken.rows[0]?.t ? `${part.name}_${today.replace(/-/g, '')}` : part.name;
				if (as !== part.name) {
					await client.query(`ALTER TABLE public.${name} RENAME TO ${pg.escapeIdentifier(as)}`);
				}
				await client.query(`ALTER TABLE public.${pg.escapeIdentifier(as)} SET SCHEMA archive`);
				await client.query('COMMIT');
				report.archived.push({ table, partition: part.name, rows: Number(rows[0]?.n ?? 0), as });
			} catch (err) {
				await client.query('ROLLBACK');
				const code = (err as { code?: string }).code;
				const reason =
					code === '23503'
						? 'still referenced by newer records (progress notes or invoice lines)'
						: code === '55P03'
							? 'the table was busy; will try next month'
							: (err as Error).message;
				report.skipped.push({ table, partition: part.name, reason });
			}
		}
	}
	return report;
}
