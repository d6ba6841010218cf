/**
 * Goals, documents and a week of roster for one chunk of scale participants. Documents are
 * metadata only: no files are written (file_path points under scale/, and downloads of them
 * will 404), which is all a benchmark of lists, search and expiry jobs needs.
 */
import type { Db } from '../db';
import { GOAL_LIBRARY } from '../demo-data/care';
import { int } from './context';
import { DOCUMENTS_PER_PARTICIPANT, GOALS_PER_PARTICIPANT, type ScalePlan } from './plan';

export async function buildRecords(db: Db, plan: ScalePlan) {
	const goals = await db.query(
		`INSERT INTO participant_goals (id, participant_id, category, goal, description,
			progress_percentage, status, due_date)
		SELECT pg_temp.md5_uuid(md5('scale:goal:' || sp.p || ':' || g)), sp.id,
			($1::text[])[i], ($2::text[])[i], ($3::text[])[i],
			CASE (sp.p + g) % 4 WHEN 0 THEN 0 WHEN 1 THEN 10 + (sp.p * 7 + g) % 56
				WHEN 2 THEN 70 + (sp.p * 7 + g) % 26 ELSE 100 END,
			(ARRAY['not_started', 'in_progress', 'nearly_complete', 'completed'])[1 + (sp.p + g) % 4]::goal_status,
			CASE WHEN (sp.p + g) % 4 = 3 THEN c.today - (sp.p + g) % 90 ELSE sp.plan_end - (sp.p + g) % 60 END
		FROM scale_participants sp CROSS JOIN generate_series(0, ${int(GOALS_PER_PARTICIPANT - 1)}) g CROSS JOIN scale_ctx c
		CROSS JOIN LATERAL (SELECT 1 + (sp.p * 3 + g) % cardinality($1::text[]) AS i) x`,
		[0, 1, 2].map((field) => GOAL_LIBRARY.map((row) => row[field]))
	);

	const documents = await db.query(
		`INSERT INTO documents (id, name, type, participant_id, uploaded_by, file_path, file_size,
			mime_type, sha256, upload_date, expiry_date, status, tags)
		SELECT id, label || ' – ' || first || ' ' || last, type, pid, uploaded_by,
			'scale/' || id || CASE WHEN type = 'photo' THEN '.jpg' ELSE '.pdf' END,
			20000 + pg_temp.md5_int(m, 1) % 2000000,
			CASE WHEN type = 'photo' THEN 'image/jpeg' ELSE 'application/pdf' END,
			encode(sha256(convert_to(id::text, 'UTF8')), 'hex'),
			(today - pg_temp.md5_int(m, 8) % 700 + interval '11 hours') AT TIME ZONE 'Australia/Sydney',
			expiry,
			CASE WHEN expiry IS NULL OR expiry > today + 30 THEN 'current'
				WHEN expiry < today THEN 'expired' ELSE 'expiring_soon' END::document_status,
			jsonb_build_array(type::text, 'scale')
		FROM (
			SELECT pg_temp.md5_uuid(h.m) AS id, h.m, sp.id AS pid, sp.first, sp.last, c.today, t.type, t.label,
				st.user_id AS uploaded_by,
				CASE t.type WHEN 'ndis_plan' THEN sp.plan_end
					WHEN 'certificate' THEN c.today - 40 + pg_temp.md5_int(h.m, 15) % 400 END AS expiry
			FROM scale_participants sp CROSS JOIN generate_series(0, ${int(DOCUMENTS_PER_PARTICIPANT - 1)}) n CROSS JOIN scale_ctx c
			CROSS JOIN LATERAL (SELECT md5('scale:document:' || sp.p || ':' || n) AS m) h
			CROSS JOIN LATERAL (
				SELECT CASE WHEN n = 0 THEN 'ndis_plan'
					ELSE (ARRAY['assessment', 'report', 'certificate', 'photo', 'other'])[1 + sp.p % 5] END::document_type AS type,
					CASE WHEN n = 0 THEN 'NDIS plan'
					ELSE (ARRAY['Functional capacity assessment', 'Progress report', 'Medical certificate',
						'Community outing photo', 'Service agreement'])[1 + sp.p % 5] END AS label
			) t
			JOIN scale_staff st ON st.d = (sp.p - 1) % ${int(plan.delivering)}
		) d`
	);

	// One event per participant with its first staff member: local index r = ⌊(p-1)/D⌋ < M ≤ 27
	// gives a distinct (day, slot) per staff member, so the week has no double-booking.
	const events = await db.query(
		`INSERT INTO calendar_events (id, title, description, participant_id, staff_id, event_type,
			start_datetime, end_datetime, location, status, created_by, version)
		SELECT id, kind || ' – ' || first || ' ' || last, 'Weekly support session.', pid, user_id,
			'session', starts, starts + interval '90 minutes', 'Participant''s home',
			CASE WHEN starts + interval '90 minutes' <= now()
				THEN CASE WHEN h % 10 = 0 THEN 'cancelled' ELSE 'completed' END
				WHEN h % 3 = 0 THEN 'scheduled' WHEN h % 3 = 1 THEN 'confirmed' ELSE 'cancelled'
				END::event_status,
			creator, 1
		FROM (
			SELECT pg_temp.md5_uuid(md5('scale:event:' || sp.p)) AS id, sp.id AS pid, sp.first, sp.last,
				st.user_id, c.creator, pg_temp.md5_int(sp.m, 26) AS h,
				(ARRAY['Personal care', 'Community access', 'Life skills development'])[1 + sp.p % 3] AS kind,
				(c.monday + r % 7 + (8 + 2 * (r / 7)) * interval '1 hour') AT TIME ZONE 'Australia/Sydney' AS starts
			FROM scale_participants sp CROSS JOIN scale_ctx c
			CROSS JOIN LATERAL (SELECT (sp.p - 1) / ${int(plan.delivering)} AS r) x
			JOIN scale_staff st ON st.d = (sp.p - 1) % ${int(plan.delivering)}
		) e`
	);
	return {
		goals: goals.rowCount ?? 0,
		documents: documents.rowCount ?? 0,
		events: events.rowCount ?? 0
	};
}
