/**
 * A database of a test file's own, for tests that need exact counts or would delete rows that
 * other files' data (the demo seed, say) still references in the shared ndis_test database.
 * It starts empty, at the latest migration, and is dropped by the file's afterAll.
 */
import { config } from '../src/lib/server/config';
import { createMigrator, ownerSequelize } from '../src/lib/server/db/migrator';
import { ownerClient } from './pg';

export interface ScratchDatabase {
	/** Owner URL of the scratch database, for pg clients and child processes. */
	url: string;
	drop(): Promise<void>;
}

async function asOwner(statement: string): Promise<void> {
	// Connected to ndis_test, never to the scratch database: one cannot drop the database one is in.
	const admin = await ownerClient();
	try {
		await admin.query(statement);
	} finally {
		await admin.end();
	}
}

export async function createScratchDatabase(name: string): Promise<ScratchDatabase> {
	// The pid keeps two runs on one server apart; the name is spliced into SQL, so it is checked.
	const database = `ndis_scratch_${name}_${process.pid}`.toLowerCase();
	if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) {
		throw new Error(`Unusable scratch database name: ${database}`);
	}
	const url = new URL(config.databaseOwnerUrl);
	url.pathname = `/${database}`;
	const drop = () => asOwner(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);

	// A run killed before its afterAll leaves its database behind, and pids come round again.
	await drop();
	await asOwner(`CREATE DATABASE ${database}`);
	const sequelize = ownerSequelize(url.toString());
	try {
		await createMigrator(sequelize).up();
	} catch (err) {
		await sequelize.close();
		await drop();
		throw err;
	}
	await sequelize.close();
	return { url: url.toString(), drop };
}
