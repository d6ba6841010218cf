/**
 * The application's database connection. It connects as the app role (DATABASE_URL), which owns
 * no tables; migrations, imports and seeds use the owner connection (see migrator.ts).
 */
import pg from 'pg';
import { Sequelize, type Transaction } from 'sequelize';
import { config } from '../config';
import {
	clsNamespace,
	CONTEXT_SQL,
	contextParams,
	currentActor,
	currentTransaction
} from './context';
import { initModels } from './models';

// Queries join the transaction of the surrounding tx() without passing it around (see context.ts).
Sequelize.useCLS(clsNamespace);

// DATE columns are calendar dates: keep them as 'YYYY-MM-DD' strings, never shift them through
// a JavaScript Date in the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export function createSequelize(url: string, poolMax = 10): Sequelize {
	const sequelize = new Sequelize(url, {
		dialect: 'postgres',
		dialectModule: pg,
		logging: false,
		pool: { max: poolMax, min: 0, idle: 10_000, acquire: 30_000 },
		define: { underscored: true, freezeTableName: true }
	});
	initModels(sequelize);
	return sequelize;
}

let instance: Sequelize | undefined;

/**
 * Models bind to one connection per process. Web and worker processes use the app role; scripts
 * that own the schema (seed, catalogue import) call connectAsOwner() before anything else.
 */
export function connectAsOwner(): Sequelize {
	if (instance) throw new Error('connectAsOwner() must be called before the first db() call');
	instance = createSequelize(config.databaseOwnerUrl, 4);
	return instance;
}

export function db(): Sequelize {
	instance ??= createSequelize(config.databaseUrl);
	return instance;
}

export async function closeDb(): Promise<void> {
	if (instance) {
		const current = instance;
		instance = undefined;
		await current.close();
	}
}

/**
 * Runs `fn` in a transaction carrying the current actor (app.user_id, app.role, …), or inside the
 * transaction already open around it. Row-level security and the audit trail depend on this.
 */
export async function tx<T>(fn: (t: Transaction) => Promise<T>): Promise<T> {
	const open = currentTransaction();
	if (open) return fn(open);
	const sequelize = db();
	return sequelize.transaction(async (t) => {
		await sequelize.query(CONTEXT_SQL, { bind: contextParams(currentActor()), transaction: t });
		const result = await fn(t);
		await runBeforeCommit(t);
		return result;
	});
}

const beforeCommitHooks = new WeakMap<Transaction, (() => Promise<void>)[]>();

/**
 * Runs `hook` inside `t` just before tx() commits it, after everything `fn` did: the outbox
 * writes what was published during the transaction in one statement there (src/lib/server/outbox.ts).
 * A hook that throws rolls the transaction back, like any other failure inside it.
 */
export function beforeCommit(t: Transaction, hook: () => Promise<void>): void {
	const hooks = beforeCommitHooks.get(t);
	if (hooks) hooks.push(hook);
	else beforeCommitHooks.set(t, [hook]);
}

async function runBeforeCommit(t: Transaction): Promise<void> {
	const hooks = beforeCommitHooks.get(t);
	if (!hooks) return;
	beforeCommitHooks.delete(t);
	for (const hook of hooks) await hook();
	// A hook may itself have registered more (it should not, but nothing may be skipped).
	if (beforeCommitHooks.has(t)) await runBeforeCommit(t);
}
