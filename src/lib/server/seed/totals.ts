/**
 * Denormalised totals the dashboards read (staff caseload and hours, participants' used budget),
 * recomputed from the rows themselves with set-based SQL so they equal the truth after a seed.
 * A participant's used budget is the approved hours at each item's price, rounded to the cent.
 */
import type { Db } from './db';

/** A WHERE condition on the target table's alias (`sm` or `p`), with its parameters. */
export interface Scope {
	where: string;
	params: unknown[];
}

export async function refreshStaffTotals(db: Db, scope: Scope) {
	await db.query(
		`WITH target AS (SELECT sm.user_id FROM staff_members sm WHERE ${scope.where}),
		assigned AS (
			SELECT user_id, count(*)::int AS n FROM participant_staff
			WHERE user_id IN (SELECT user_id FROM target) GROUP BY user_id),
		worked AS (
			SELECT staff_id, sum(duration_hours) AS hours FROM session_logs
			WHERE status = 'approved' AND staff_id IN (SELECT user_id FROM target) GROUP BY staff_id)
		UPDATE staff_members sm
		SET assigned_participants_count = coalesce(a.n, 0), total_hours = coalesce(w.hours, 0)
		FROM target t LEFT JOIN assigned a ON a.user_id = t.user_id LEFT JOIN worked w ON w.staff_id = t.user_id
		WHERE sm.user_id = t.user_id`,
		scope.params
	);
}

export async function refreshUsedBudgets(db: Db, scope: Scope) {
	await db.query(
		`WITH target AS (SELECT p.id FROM participants p WHERE ${scope.where}),
		used AS (
			SELECT s.participant_id, round(sum(s.duration_hours * c.price), 2) AS amount
			FROM session_logs s JOIN ndis_item_codes c ON c.id = s.ndis_item_code_id
			WHERE s.status = 'approved' AND s.participant_id IN (SELECT id FROM target)
			GROUP BY s.participant_id)
		UPDATE participants p SET used_budget = coalesce(u.amount, 0)
		FROM target t LEFT JOIN used u ON u.participant_id = t.id
		WHERE p.id = t.id`,
		scope.params
	);
}
