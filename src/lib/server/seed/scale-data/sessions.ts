/**
 * Scale session logs and progress notes for one chunk of participants, placed by the formula in
 * plan.ts: four day slots (08:00, 11:00, 14:00, 17:00, up to 2¾ hours each) and, for some
 * workers' last slot, a 22:00–07:00 overnight shift instead. Sessions from the last fortnight
 * wait for approval; a few older ones were rejected.
 */
import type { Db } from '../db';
import { int } from './context';
import { DAYS, SESSIONS_PER_PARTICIPANT, SLOTS_PER_DAY, type ScalePlan } from './plan';

export async function buildSessions(db: Db, plan: ScalePlan, from: number, to: number) {
	await db.query(`DROP TABLE IF EXISTS scale_sessions`);
	await db.query(
		`CREATE TEMP TABLE scale_sessions ON COMMIT DROP AS
		WITH base AS (
			SELECT p, k, md5('scale:session:' || p || ':' || k) AS m, st.user_id AS staff_id, st.role,
				st.specialization,
				k * ${int(plan.perSlot)} + (p - 1) / ${int(plan.delivering)} AS g
			FROM generate_series(${int(from)}, ${int(to)}) p
			CROSS JOIN generate_series(0, ${int(SESSIONS_PER_PARTICIPANT - 1)}) k
			JOIN scale_staff st ON st.d = ((p - 1) + (k % 3) * ${int(plan.offset)}) % ${int(plan.delivering)}
		), placed AS (
			SELECT b.*, pg_temp.md5_int(m, 1) AS h, g % ${int(SLOTS_PER_DAY)} AS slot,
				c.first_day + ((g / ${int(SLOTS_PER_DAY)})::bigint * ${int(DAYS)} / ${int(plan.dayBuckets)})::int
					AS session_date,
				c.today
			FROM base b CROSS JOIN scale_ctx c
		), shaped AS (
			SELECT *, role = 'support_worker' AND slot = 3 AND h % 40 = 0 AS overnight FROM placed
		)
		SELECT p, k, pg_temp.md5_uuid(m) AS id, staff_id, session_date, h,
			CASE WHEN overnight THEN 22 * 60 ELSE 8 * 60 + slot * 180 END AS start_minutes,
			CASE WHEN overnight THEN 900 ELSE 100 + (h % 8) * 25 END AS hundredths,
			CASE WHEN overnight THEN 'overnight' WHEN role = 'allied_health' THEN specialization
				WHEN role = 'support_coordinator' THEN 'coordination' ELSE 'w' || (k / 3) % 3 END AS service,
			CASE WHEN session_date > today - 14 THEN 'pending'
				WHEN k % 10 >= 3 AND (h / 8) % 25 = 0 THEN 'rejected'
				ELSE 'approved' END::session_status AS status
		FROM shaped`
	);
	await db.query(`ANALYZE scale_sessions`);
	const inserted = await db.query(
		`INSERT INTO session_logs (id, participant_id, staff_id, ndis_item_code_id, service_type,
			session_date, start_time, end_time, duration_hours, travel_kilometers, notes, outcomes,
			next_steps, participant_mood, challenges, achievements, status, rejection_reason,
			approved_by, approved_at, created_at)
		SELECT s.id, sp.id, s.staff_id, sv.item_id, sv.service_type, s.session_date,
			time '00:00' + s.start_minutes * interval '1 minute',
			time '00:00' + (s.start_minutes + s.hundredths * 60 / 100) * interval '1 minute',
			s.hundredths::numeric / 100, ((s.h / 64) % 3000)::numeric / 100,
			replace(sv.notes[1 + (s.h / 7) % cardinality(sv.notes)], '{name}', sp.first),
			sv.outcomes[1 + (s.h / 11) % cardinality(sv.outcomes)],
			replace(sv.next_steps[1 + (s.h / 13) % cardinality(sv.next_steps)], '{name}', sp.first),
			(ARRAY['excellent', 'good', 'good', 'neutral', 'challenging', 'difficult'])[1 + (s.h / 17) % 6]::participant_mood,
			NULL, NULL, s.status,
			CASE WHEN s.status = 'rejected' THEN 'Notes do not describe outcomes against the participant''s goals.' END,
			CASE WHEN s.status <> 'pending' THEN c.coordinators[1 + (s.h / 19) % cardinality(c.coordinators)] END,
			CASE WHEN s.status <> 'pending'
				THEN ((s.session_date + 1 + s.h % 3) + interval '10 hours') AT TIME ZONE 'Australia/Sydney' END,
			least(now(), (s.session_date + (s.start_minutes + s.hundredths * 60 / 100 + 60) * interval '1 minute')
				AT TIME ZONE 'Australia/Sydney')
		FROM scale_sessions s
		JOIN scale_participants sp ON sp.p = s.p
		JOIN scale_services sv ON sv.key = s.service
		CROSS JOIN scale_ctx c`
	);
	const notes = await db.query(
		`INSERT INTO progress_notes (id, participant_id, session_log_id, session_log_date, worker_id,
			date, session_type, duration, notes, outcomes)
		SELECT pg_temp.md5_uuid(md5('scale:progress-note:' || s.p || ':' || s.k)), sp.id, s.id,
			s.session_date, s.staff_id, s.session_date, sv.service_type,
			(s.hundredths::numeric / 100)::text || ' hours',
			replace(sv.notes[1 + (s.h / 7) % cardinality(sv.notes)], '{name}', sp.first),
			jsonb_build_array(sv.outcomes[1 + (s.h / 11) % cardinality(sv.outcomes)],
				sv.next_steps[1 + (s.h / 13) % cardinality(sv.next_steps)])
		FROM scale_sessions s
		JOIN scale_participants sp ON sp.p = s.p
		JOIN scale_services sv ON sv.key = s.service
		WHERE s.k % 10 = 0 AND s.status = 'approved'`
	);
	return { sessions: inserted.rowCount ?? 0, progressNotes: notes.rowCount ?? 0 };
}
