/**
 * The live test database against the spec (docs/spec/ndis-schema.md): every table, column, type,
 * length, precision, nullability, default, enum value, unique constraint, foreign key and index,
 * and the partitioning the spec's performance section asks for.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerClient } from './pg';
import { readSpec, type SpecColumn } from './spec';

const { tables, relationships } = readSpec();
let client: pg.Client;

type DbColumn = {
	column_name: string;
	data_type: string;
	udt_name: string;
	character_maximum_length: number | null;
	numeric_precision: number | null;
	numeric_scale: number | null;
	is_nullable: 'YES' | 'NO';
	column_default: string | null;
};

beforeAll(async () => {
	client = await ownerClient();
});
afterAll(async () => {
	await client.end();
});

async function columnsOf(table: string): Promise<Map<string, DbColumn>> {
	const { rows } = await client.query<DbColumn>(
		`SELECT column_name, data_type, udt_name, character_maximum_length, numeric_precision,
			numeric_scale, is_nullable, column_default
		FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
		[table]
	);
	return new Map(rows.map((r) => [r.column_name, r]));
}

/** The spec's type, as PostgreSQL reports it. TIMESTAMP is stored as timestamptz, JSON as jsonb. */
function expectType(spec: SpecColumn, db: DbColumn) {
	const varchar = /^VARCHAR\((\d+)\)$/.exec(spec.type);
	const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(spec.type);
	if (varchar) {
		expect(db.data_type).toBe('character varying');
		expect(db.character_maximum_length).toBe(Number(varchar[1]));
	} else if (decimal) {
		expect(db.data_type).toBe('numeric');
		expect([db.numeric_precision, db.numeric_scale]).toEqual([
			Number(decimal[1]),
			Number(decimal[2])
		]);
	} else {
		const expected: Record<string, string> = {
			UUID: 'uuid',
			TEXT: 'text',
			DATE: 'date',
			TIME: 'time without time zone',
			TIMESTAMP: 'timestamp with time zone',
			BOOLEAN: 'boolean',
			INTEGER: 'integer',
			BIGINT: 'bigint',
			JSON: 'jsonb',
			ENUM: 'USER-DEFINED'
		};
		expect(expected[spec.type], `unknown spec type ${spec.type}`).toBeDefined();
		expect(db.data_type).toBe(expected[spec.type]);
	}
}

function expectDefault(spec: SpecColumn, db: DbColumn) {
	if (spec.default === null) return;
	const actual = db.column_default ?? '';
	if (spec.default === 'NOW()') expect(actual).toBe('now()');
	else if (spec.type === 'ENUM') expect(actual).toBe(`'${spec.default}'::${db.udt_name}`);
	else expect(actual).toBe(spec.default);
}

async function enumValues(typeName: string): Promise<string[]> {
	const { rows } = await client.query<{ enumlabel: string }>(
		`SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
		WHERE t.typname = $1 ORDER BY e.enumsortorder`,
		[typeName]
	);
	return rows.map((r) => r.enumlabel);
}

/** Index definitions on a table as lists of key columns (expressions excluded), with uniqueness. */
async function indexesOf(table: string) {
	const { rows } = await client.query<{ columns: string[]; unique: boolean; partial: boolean }>(
		`SELECT array_agg(a.attname::text ORDER BY k.ord) AS columns, i.indisunique AS unique,
			i.indpred IS NOT NULL AS partial
		FROM pg_index i
		JOIN pg_class c ON c.oid = i.indrelid
		CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
		WHERE c.relname = $1 AND c.relnamespace = 'public'::regnamespace
		GROUP BY i.indexrelid, i.indisunique, i.indpred`,
		[table]
	);
	return rows.filter((r) => !r.partial);
}

async function foreignKeys(table: string) {
	const { rows } = await client.query<{ column: string; target: string; on_delete: string }>(
		`SELECT a.attname AS column, t.relname AS target, con.confdeltype AS on_delete
		FROM pg_constraint con
		JOIN pg_class c ON c.oid = con.conrelid
		JOIN pg_class t ON t.oid = con.confrelid
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = con.conkey[1]
		WHERE con.contype = 'f' AND c.relname = $1 AND con.conparentid = 0`,
		[table]
	);
	return rows;
}

// Deliberately stricter than the spec: a row always knows when it was made and changed, and an
// account is always either active or not (a NULL there would be neither, on the sign-in path).
const STRICTER_NOT_NULL = new Set(['created_at', 'updated_at', 'users.is_active']);
const stricter = (table: string, column: string) =>
	STRICTER_NOT_NULL.has(column) || STRICTER_NOT_NULL.has(`${table}.${column}`);

describe.each(tables)('table $name', (table) => {
	it('has every column of the spec with its type, length, nullability and default', async () => {
		const columns = await columnsOf(table.name);
		expect(columns.size, `table ${table.name} is missing`).toBeGreaterThan(0);
		for (const spec of table.columns) {
			const db = columns.get(spec.name);
			expect(db, `${table.name}.${spec.name} is missing`).toBeDefined();
			if (!db) continue;
			expectType(spec, db);
			if (spec.notNull || spec.primaryKey)
				expect(db.is_nullable, `${spec.name} nullability`).toBe('NO');
			else if (!stricter(table.name, spec.name))
				expect(db.is_nullable, `${table.name}.${spec.name} nullability`).toBe('YES');
			expectDefault(spec, db);
			if (spec.enumValues) expect(await enumValues(db.udt_name)).toEqual(spec.enumValues);
		}
	});

	it('has a primary key on id and every unique constraint of the spec', async () => {
		const indexes = await indexesOf(table.name);
		const primary = indexes.find((i) => i.unique && i.columns[0] === 'id');
		expect(primary, `${table.name} primary key`).toBeDefined();
		for (const column of table.columns.filter((c) => c.unique)) {
			const found = indexes.some((i) => i.unique && i.columns.join() === column.name);
			expect(found, `unique ${table.name}.${column.name}`).toBe(true);
		}
	});

	it('has every index the spec lists', async () => {
		const indexes = await indexesOf(table.name);
		for (const spec of table.indexes) {
			const found = indexes.some(
				(i) =>
					spec.columns.every((col, n) => i.columns[n] === col) &&
					(!spec.unique || (i.unique && i.columns.length === spec.columns.length))
			);
			expect(found, `index on ${table.name} (${spec.columns.join(', ')})`).toBe(true);
		}
	});

	it('has a foreign key for every reference in the spec', async () => {
		const fks = await foreignKeys(table.name);
		for (const column of table.columns.filter((c) => c.references)) {
			const fk = fks.find((f) => f.column === column.name);
			expect(fk, `${table.name}.${column.name} foreign key`).toBeDefined();
			expect(fk?.target).toBe(column.references);
		}
	});
});

describe('relationships and performance', () => {
	it('backs every relationship of the spec with a foreign key', async () => {
		for (const { from, to } of relationships) {
			const fks = await foreignKeys(to);
			expect(
				fks.some((f) => f.target === from),
				`${to} → ${from}`
			).toBe(true);
		}
	});

	it('partitions session and audit logs by month and documents by type', async () => {
		const { rows } = await client.query<{ relname: string; strategy: string; key: string }>(
			`SELECT c.relname, pt.partstrat AS strategy, a.attname AS key
			FROM pg_partitioned_table pt
			JOIN pg_class c ON c.oid = pt.partrelid
			JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = pt.partattrs[0]
			ORDER BY c.relname`
		);
		expect(rows).toEqual([
			{ relname: 'audit_logs', strategy: 'r', key: 'created_at' },
			{ relname: 'documents', strategy: 'l', key: 'type' },
			{ relname: 'session_logs', strategy: 'r', key: 'session_date' }
		]);
		for (const parent of ['audit_logs', 'documents', 'session_logs']) {
			const { rows: defaults } = await client.query(
				`SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
				WHERE i.inhparent = $1::regclass AND pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'`,
				[parent]
			);
			expect(defaults, `${parent} default partition`).toHaveLength(1);
		}
	});

	it('has the partial, composite and full-text indexes the hot queries use', async () => {
		const { rows } = await client.query<{ indexname: string; indexdef: string }>(
			`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`
		);
		const def = (name: string) => rows.find((r) => r.indexname === name)?.indexdef ?? '';
		expect(def('session_logs_pending_idx')).toMatch(/WHERE \(status = 'pending'/);
		expect(def('invoices_unpaid_idx')).toMatch(/WHERE \(status = ANY/);
		expect(def('documents_not_current_idx')).toMatch(/WHERE \(status <> 'current'/);
		expect(def('notifications_unread_idx')).toMatch(/WHERE \(is_read = false\)/);
		expect(def('session_logs_participant_date_idx')).toMatch(/\(participant_id, session_date\)/);
		expect(def('session_logs_staff_date_idx')).toMatch(/\(staff_id, session_date\)/);
		expect(def('invoices_participant_issue_idx')).toMatch(/\(participant_id, issue_date\)/);
		expect(def('invoices_status_due_idx')).toMatch(/\(status, due_date\)/);
		expect(def('documents_search_idx')).toMatch(/USING gin \(search_vector\)/);
	});

	it('keeps updated_at in the database, whoever writes the row', async () => {
		await client.query('BEGIN');
		try {
			const { rows } = await client.query<{ id: string; updated_at: Date }>(
				`INSERT INTO system_settings (setting_key, setting_value, updated_at)
				VALUES ('test.touch', 'a', now() - interval '1 day') RETURNING id, updated_at`
			);
			const before = rows[0]!.updated_at;
			const { rows: after } = await client.query<{ updated_at: Date }>(
				`UPDATE system_settings SET setting_value = 'b' WHERE id = $1 RETURNING updated_at`,
				[rows[0]!.id]
			);
			expect(after[0]!.updated_at.getTime()).toBeGreaterThan(before.getTime() + 60_000);
		} finally {
			await client.query('ROLLBACK');
		}
	});
});
