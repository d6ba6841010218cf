/**
 * Removes the scale data set and nothing else: participants numbered NDIS_BASE+1 … NDIS_BASE+MAX
 * and users @scale.test, with every row that points at them. Re-running `--scale N` calls this
 * first, so a run always leaves exactly the data set for its N. It keeps the staff accounts the
 * new run will upsert (scale-staff-00001 … keepStaff), with their staff_members rows, because
 * deleting users is by far the slowest delete here.
 */
import type { Db } from '../db';
import { EMAIL_DOMAIN, MAX_PARTICIPANTS, NDIS_BASE } from './plan';

export async function deleteScaleData(
	db: Db,
	keepStaff = 0
): Promise<{ participants: number; users: number }> {
	await db.query(`DROP TABLE IF EXISTS scale_old_p, scale_old_u`);
	await db.query(
		`CREATE TEMP TABLE scale_old_p ON COMMIT DROP AS SELECT id FROM participants
		WHERE length(ndis_number) = 9 AND ndis_number BETWEEN $1 AND $2`,
		[String(NDIS_BASE + 1), String(NDIS_BASE + MAX_PARTICIPANTS)]
	);
	await db.query(
		`CREATE TEMP TABLE scale_old_u ON COMMIT DROP AS SELECT id FROM users WHERE email LIKE $1`,
		[`%@${EMAIL_DOMAIN}`]
	);
	await db.query(`ANALYZE scale_old_p`);
	await db.query(`ANALYZE scale_old_u`);
	const p = `(SELECT id FROM scale_old_p)`;
	const u = `(SELECT id FROM scale_old_u)`;
	// Children before parents: these references RESTRICT, on purpose (see the migrations).
	await db.query(`DELETE FROM invoices WHERE participant_id IN ${p} OR staff_id IN ${u}`);
	await db.query(`DELETE FROM progress_notes WHERE participant_id IN ${p} OR worker_id IN ${u}`);
	await db.query(
		`DELETE FROM session_logs WHERE participant_id IN ${p} OR staff_id IN ${u} OR approved_by IN ${u}`
	);
	await db.query(`DELETE FROM documents WHERE participant_id IN ${p} OR uploaded_by IN ${u}`);
	await db.query(
		`DELETE FROM calendar_events WHERE participant_id IN ${p} OR staff_id IN ${u} OR created_by IN ${u}`
	);
	await db.query(`DELETE FROM audit_logs WHERE user_id IN ${u}`);
	const participants = await db.query(`DELETE FROM participants WHERE id IN ${p}`);
	const users = await db.query(
		`DELETE FROM users WHERE id IN ${u}
		AND coalesce(substring(email FROM '^scale-staff-(\\d{5})@')::bigint > $1::bigint, true)`,
		[keepStaff]
	);
	return { participants: participants.rowCount ?? 0, users: users.rowCount ?? 0 };
}
