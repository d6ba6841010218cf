/**
 * The seeds talk to PostgreSQL as the schema owner with plain `pg`: they need set-based SQL,
 * COPY-sized batches and one transaction, not models. Rows are sent as one JSON parameter and
 * typed by the table itself (json_populate_recordset), so no batch ever meets the parameter
 * limit and every value gets the column's own type.
 */
import pg from 'pg';
import { config } from '../config';

export type Row = Record<string, unknown>;
export type Db = pg.ClientBase;

export async function connectOwner(): Promise<pg.Client> {
	const client = new pg.Client({
		connectionString: config.databaseOwnerUrl,
		application_name: 'ndis-seed'
	});
	await client.connect();
	return client;
}

export async function inTransaction<T>(db: Db, work: () => Promise<T>): Promise<T> {
	await db.query('BEGIN');
	try {
		const result = await work();
		await db.query('COMMIT');
		return result;
	} catch (err) {
		await db.query('ROLLBACK');
		throw err;
	}
}

const BATCH = 2000;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

function columnsOf(rows: Row[]): string[] {
	const first = rows[0];
	if (!first) return [];
	return Object.keys(first);
}

function* batches(rows: Row[]): Generator<Row[]> {
	for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

export interface UpsertOptions {
	/** The unique key that identifies an existing row. */
	conflict: string[];
	/** Columns to overwrite on conflict; default all but id and the key. [] keeps the existing row. */
	update?: string[];
	returning?: string[];
}

/** INSERT … ON CONFLICT for a list of plain objects that all have the same keys. */
export async function upsert(db: Db, table: string, rows: Row[], opts: UpsertOptions) {
	const cols = columnsOf(rows);
	const update = opts.update ?? cols.filter((c) => c !== 'id' && !opts.conflict.includes(c));
	const list = cols.map(ident).join(', ');
	const action = update.length
		? `DO UPDATE SET ${update.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(', ')}`
		: 'DO NOTHING';
	const returning = opts.returning ? ` RETURNING ${opts.returning.map(ident).join(', ')}` : '';
	const out: Row[] = [];
	for (const batch of batches(rows)) {
		const result = await db.query<Row>(
			`INSERT INTO ${ident(table)} (${list})
			SELECT ${list} FROM json_populate_recordset(NULL::${ident(table)}, $1::json)
			ON CONFLICT (${opts.conflict.map(ident).join(', ')}) ${action}${returning}`,
			[JSON.stringify(batch)]
		);
		out.push(...result.rows);
	}
	return out;
}

/**
 * Upsert by id into a table whose primary key also holds its partition key (session_logs:
 * id + session_date). Demo dates are relative to today, so a re-run on another day moves the
 * same session to a new date: an UPDATE by id does that (and cascades to the rows that reference
 * it), where ON CONFLICT on (id, date) would insert a duplicate.
 */
export async function upsertMovable(db: Db, table: string, rows: Row[]) {
	const cols = columnsOf(rows);
	const list = cols.map(ident).join(', ');
	const sets = cols.filter((c) => c !== 'id').map((c) => `${ident(c)} = v.${ident(c)}`);
	for (const batch of batches(rows)) {
		await db.query(
			`WITH v AS (SELECT ${list} FROM json_populate_recordset(NULL::${ident(table)}, $1::json)),
			moved AS (UPDATE ${ident(table)} t SET ${sets.join(', ')} FROM v WHERE t.id = v.id RETURNING t.id)
			INSERT INTO ${ident(table)} (${list}) SELECT ${list} FROM v WHERE v.id NOT IN (SELECT id FROM moved)`,
			[JSON.stringify(batch)]
		);
	}
}
