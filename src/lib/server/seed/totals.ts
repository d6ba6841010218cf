/**
 * Denormalised totals the dashboards read (staff caseload and hours, participants' used budget and
 * budget figures), recomputed after a seed with the very code the background jobs run, so a fresh
 * seed and a nightly run agree to the cent (see src/lib/server/budgets/recompute.ts).
 */
import { recomputeBatch } from '../budgets/recompute';
import { providerToday, readProviderSettings } from '../provider';
import { pgSql } from '../sql';
import { STAFF_STATS_SQL } from '../staff/stats';
import type { Db } from './db';

/** A WHERE condition on the target table's alias (`sm` or `p`), with its parameters. */
export interface Scope {
	where: string;
	params: unknown[];
}

const BATCH = 1000;

export async function refreshStaffTotals(db: Db, scope: Scope) {
	const { rows } = await db.query<{ user_id: string }>(
		`SELECT sm.user_id FROM staff_members sm WHERE ${scope.where}`,
		scope.params
	);
	await db.query(STAFF_STATS_SQL, [rows.map((r) => r.user_id)]);
}

export async function refreshUsedBudgets(db: Db, scope: Scope, now = new Date()) {
	const sql = pgSql(db);
	const settings = await readProviderSettings(sql);
	const rules = { ...settings, today: providerToday(settings, now) };
	const { rows } = await db.query<{ id: string }>(
		`SELECT p.id FROM participants p WHERE ${scope.where} ORDER BY p.id`,
		scope.params
	);
	const ids = rows.map((r) => r.id);
	for (let i = 0; i < ids.length; i += BATCH) {
		await recomputeBatch(sql, ids.slice(i, i + BATCH), rules);
	}
}
