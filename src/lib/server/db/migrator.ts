/**
 * Migrations with umzug. Each file in migrations/ exports `up` and `down`; both receive `sql`,
 * a function that runs one statement as the schema owner. Every migration runs in its own
 * transaction, so a failed one leaves nothing half-applied.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Sequelize, Transaction } from 'sequelize';
import { Umzug, SequelizeStorage, type MigrationFn } from 'umzug';
import { config } from '../config';

export type Sql = (statement: string) => Promise<unknown>;
export type Migration = MigrationFn<Sql>;

/** Months of monthly partitions created up front, either side of today. */
export const INITIAL_MONTHS_BACK = 36;
export const INITIAL_MONTHS_AHEAD = 12;

export function touchTrigger(sql: Sql, table: string) {
	return sql(
		`CREATE TRIGGER ${table}_set_updated_at BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION set_updated_at()`
	);
}

/** The role the application connects as: the user named in DATABASE_URL. */
export function appRole(): string {
	const user = decodeURIComponent(new URL(config.databaseUrl).username);
	if (!/^[a-z_][a-z0-9_]*$/.test(user)) throw new Error(`Unusable app role name: ${user}`);
	return user;
}

const MIGRATIONS_DIR = resolve('migrations');

export function ownerSequelize(url = config.databaseOwnerUrl): Sequelize {
	return new Sequelize(url, { dialect: 'postgres', logging: false, pool: { max: 2 } });
}

export function createMigrator(sequelize: Sequelize) {
	const files = readdirSync(MIGRATIONS_DIR)
		.filter((f) => /^\d{4}_.+\.ts$/.test(f))
		.sort();
	return new Umzug<Sql>({
		migrations: files.map((file) => ({
			name: file.replace(/\.ts$/, ''),
			up: (params) => runInTransaction(sequelize, file, 'up', params.context),
			down: (params) => runInTransaction(sequelize, file, 'down', params.context)
		})),
		context: (() => Promise.resolve()) as Sql,
		storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
		logger: undefined
	});
}

async function runInTransaction(
	sequelize: Sequelize,
	file: string,
	direction: 'up' | 'down',
	_unused: Sql
) {
	const mod = (await import(pathToFileURL(join(MIGRATIONS_DIR, file)).href)) as Record<
		'up' | 'down',
		Migration
	>;
	await sequelize.transaction(
		{ isolationLevel: Transaction.ISOLATION_LEVELS.READ_COMMITTED },
		async (transaction) => {
			const sql: Sql = (statement) => sequelize.query(statement, { transaction });
			await mod[direction]({ name: file, path: join(MIGRATIONS_DIR, file), context: sql });
		}
	);
}
