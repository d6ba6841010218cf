/**
 * Every migration's down undoes its up: in a scratch database, migrate up, all the way down to
 * zero (leaving nothing behind but the migrations ledger), and up again.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../src/lib/server/config';
import { createMigrator, ownerSequelize } from '../src/lib/server/db/migrator';
import { ownerClient } from '../tests/pg';

const scratch = `ndis_migrations_${process.pid}`;
let admin: pg.Client;

function scratchUrl(): string {
	const url = new URL(config.databaseOwnerUrl);
	url.pathname = `/${scratch}`;
	return url.toString();
}

async function inventory(client: pg.Client) {
	const { rows } = await client.query<{ kind: string; count: number }>(`
		SELECT 'table' AS kind, count(*)::int AS count FROM pg_class
			WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND relname <> 'schema_migrations'
		UNION ALL SELECT 'type', count(*)::int FROM pg_type
			WHERE typnamespace = 'public'::regnamespace AND typtype = 'e'
		UNION ALL SELECT 'function', count(*)::int FROM pg_proc
			WHERE pronamespace = 'public'::regnamespace`);
	return Object.fromEntries(rows.map((r) => [r.kind, r.count]));
}

beforeAll(async () => {
	admin = await ownerClient();
	await admin.query(`DROP DATABASE IF EXISTS ${scratch}`);
	await admin.query(`CREATE DATABASE ${scratch}`);
});

afterAll(async () => {
	await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
	await admin.end();
});

describe('migrations', () => {
	it('go up, down to zero and up again', async () => {
		const sequelize = ownerSequelize(scratchUrl());
		const client = await ownerClient(scratch);
		try {
			const migrator = createMigrator(sequelize);
			const applied = await migrator.up();
			expect(applied.length).toBeGreaterThanOrEqual(8);
			const full = await inventory(client);
			// 15 spec tables + assignments, auth sessions, price history, and the partitions.
			expect(full.table).toBeGreaterThan(18);
			expect(full.type).toBe(14);

			const reverted = await migrator.down({ to: 0 });
			expect(reverted.map((m) => m.name)).toEqual(applied.map((m) => m.name).reverse());
			expect(await inventory(client)).toEqual({ table: 0, type: 0, function: 0 });

			await migrator.up();
			expect(await inventory(client)).toEqual(full);
			expect(await migrator.pending()).toEqual([]);
		} finally {
			await client.end();
			await sequelize.close();
		}
	});
});
