/**
 * Staff figures kept on staff_members: how many participants each person is assigned to, and the
 * hours of their approved sessions. Recomputed from the rows in one statement (never added to), so
 * a repeated, retried or concurrent run gives the same numbers; only rows that differ are written.
 * Shared by the 'staff-stats' job and the seeds.
 */
import type { Sql } from '../sql';

/** $1: the users (an array of ids), or null for everyone. */
export const STAFF_STATS_SQL = `
	WITH target AS (
		SELECT sm.user_id FROM staff_members sm
		WHERE $1::uuid[] IS NULL OR sm.user_id = ANY($1::uuid[])
		ORDER BY sm.user_id FOR NO KEY UPDATE),
	assigned AS (
		SELECT user_id, count(*)::int AS n FROM participant_staff
		WHERE user_id IN (SELECT user_id FROM target) GROUP BY user_id),
	worked AS (
		SELECT staff_id, sum(duration_hours) AS hours FROM session_logs
		WHERE status = 'approved' AND staff_id IN (SELECT user_id FROM target) GROUP BY staff_id),
	wanted AS (
		SELECT t.user_id, coalesce(a.n, 0) AS n, coalesce(w.hours, 0) AS hours
		FROM target t LEFT JOIN assigned a ON a.user_id = t.user_id
		LEFT JOIN worked w ON w.staff_id = t.user_id)
	UPDATE staff_members sm
	SET assigned_participants_count = wanted.n, total_hours = wanted.hours
	FROM wanted
	WHERE sm.user_id = wanted.user_id
		AND (sm.assigned_participants_count, sm.total_hours) IS DISTINCT FROM (wanted.n, wanted.hours)
	RETURNING sm.user_id::text AS "userId"`;

/** Recomputes the given users' figures (everyone's by default); answers whose changed. */
export async function recomputeStaffStats(sql: Sql, userIds: string[] | null = null) {
	const changed = await sql<{ userId: string }>(STAFF_STATS_SQL, [userIds]);
	return changed.map((r) => r.userId);
}
