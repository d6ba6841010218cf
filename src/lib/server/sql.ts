/**
 * One way to run a statement, whoever holds the connection: the app's Sequelize transaction (jobs,
 * pages) or a plain pg client (seeds, owner maintenance). Set-based code that both use, such as the
 * budget recompute, is written once against this.
 */
import type pg from 'pg';
import { QueryTypes, type Transaction } from 'sequelize';
import { db } from './db';

export type Row = Record<string, unknown>;
export type Sql = <T extends Row = Row>(text: string, params?: unknown[]) => Promise<T[]>;

/** Statements on a pg client (its own transaction, if any, is the caller's). */
export function pgSql(client: pg.ClientBase): Sql {
	return async <T extends Row>(text: string, params: unknown[] = []) =>
		(await client.query(text, params)).rows as T[];
}

/** Statements inside an open tx() (row-level security and the actor apply). */
export function txSql(t: Transaction): Sql {
	return <T extends Row>(text: string, params: unknown[] = []) =>
		db().query<T>(text, { bind: params, type: QueryTypes.SELECT, transaction: t });
}

/**
 * For a transaction of aggregate queries over the partitioned tables: PostgreSQL's JIT compiles
 * every partition's row-level-security filter once a plan's estimated cost passes its threshold,
 * which costs about a second and saves nothing on queries that run in milliseconds (measured: the
 * wall displays' figures took 1.2 s with it, 70 ms without). Lasts until the transaction ends.
 */
export const WITHOUT_JIT = 'SET LOCAL jit = off';
