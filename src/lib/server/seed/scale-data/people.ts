/**
 * Scale staff and participants. Staff are users scale-staff-NNNNN@scale.test with every role;
 * their password hash is deliberately not a valid hash, so no benchmark account can sign in with
 * a known password. Participants get NDIS numbers from NDIS_BASE + n.
 */
import { sealField } from '../../crypto/keyring';
import type { Db } from '../db';
import { FIRST_NAMES, LAST_NAMES, STREETS, SUBURBS } from '../australia';
import { DISABILITIES } from '../demo-data/disabilities';
import { PLAN_MANAGERS } from '../../../shared/enums';
import { int } from './context';
import { EMAIL_DOMAIN, NDIS_BASE, type ScalePlan } from './plan';

export const NO_LOGIN_HASH = '!scale-seed-account-no-password';

const NAMES = [FIRST_NAMES, LAST_NAMES];

export async function insertStaff(db: Db, plan: ScalePlan, today: string): Promise<number> {
	await db.query(
		`CREATE TEMP TABLE scale_staff ON COMMIT DROP AS
		SELECT s, pg_temp.md5_uuid(md5('scale:user:' || s)) AS user_id, md5('scale:user-attr:' || s) AS m,
			format('scale-staff-%s@${EMAIL_DOMAIN}', lpad(s::text, 5, '0')) AS email,
			CASE WHEN s % 100 = 1 THEN 'super_admin' WHEN s % 10 = 2 THEN 'support_coordinator'
				WHEN s % 10 = 3 THEN 'allied_health' ELSE 'support_worker' END::user_role AS role,
			CASE WHEN s % 10 = 3 AND s % 100 <> 1
				THEN (ARRAY['Occupational Therapy', 'Physiotherapy', 'Speech Pathology'])[1 + (s / 10) % 3] END
				AS specialization,
			NULL::int AS d
		FROM generate_series(1, ${int(plan.staff)}) s`
	);
	// d numbers the staff who deliver sessions 0 … D-1; the assignment formula works on it.
	await db.query(`UPDATE scale_staff t SET d = n.d FROM (
		SELECT s, (row_number() OVER (ORDER BY s) - 1)::int AS d FROM scale_staff WHERE role <> 'super_admin'
	) n WHERE n.s = t.s`);
	await db.query(`CREATE INDEX ON scale_staff (d)`);
	await db.query(`ANALYZE scale_staff`);
	// Upserted, not deleted and re-created: deleting a user makes PostgreSQL check every table
	// that references users, some (session_logs.approved_by) without an index.
	const users = await db.query(
		`INSERT INTO users (id, email, password_hash, name, role, phone, is_active)
		SELECT user_id, email, $1,
			($2::text[])[1 + pg_temp.md5_int(m, 1) % cardinality($2::text[])] || ' ' ||
				($3::text[])[1 + pg_temp.md5_int(m, 8) % cardinality($3::text[])],
			role,
			format('04%s %s %s', lpad((pg_temp.md5_int(m, 15) % 100)::text, 2, '0'),
				lpad((pg_temp.md5_int(m, 22) % 1000)::text, 3, '0'), lpad((s % 1000)::text, 3, '0')),
			s % 97 <> 0
		FROM scale_staff
		ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role,
			phone = EXCLUDED.phone, is_active = EXCLUDED.is_active, password_hash = EXCLUDED.password_hash`,
		[NO_LOGIN_HASH, ...NAMES]
	);
	// An account that existed under another id keeps it; everything below points at the real one.
	await db.query(
		`UPDATE scale_staff t SET user_id = u.id FROM users u WHERE u.email = t.email AND u.id <> t.user_id`
	);
	await db.query(
		`CREATE TEMP TABLE scale_ctx ON COMMIT DROP AS
		SELECT $1::date AS today, $1::date - 729 AS first_day, date_trunc('week', $1::date)::date AS monday,
			(SELECT array_agg(user_id ORDER BY s) FROM scale_staff WHERE role = 'support_coordinator') AS coordinators,
			(SELECT user_id FROM scale_staff WHERE role = 'support_coordinator' ORDER BY s LIMIT 1) AS creator`,
		[today]
	);

	await db.query(
		`INSERT INTO staff_members (id, user_id, specialization, hourly_rate, start_date, certifications, status)
		SELECT pg_temp.md5_uuid(md5('scale:staff-member:' || s)), user_id, specialization,
			CASE role WHEN 'allied_health' THEN 7000 WHEN 'support_coordinator' THEN 4800
				WHEN 'super_admin' THEN 6000 ELSE 3400 END::numeric / 100 + (pg_temp.md5_int(m, 1) % 800)::numeric / 100,
			c.today - pg_temp.md5_int(m, 8) % 3000,
			CASE role WHEN 'support_worker' THEN 'Certificate III in Individual Support; First Aid; NDIS Worker Screening Check'
				WHEN 'allied_health' THEN 'AHPRA registered; NDIS Worker Screening Check'
				ELSE 'Diploma of Community Services; NDIS Worker Screening Check' END,
			CASE WHEN s % 97 = 0 THEN 'inactive' WHEN s % 41 = 0 THEN 'on_leave' ELSE 'active' END::staff_status
		FROM scale_staff CROSS JOIN scale_ctx c
		ON CONFLICT (user_id) DO UPDATE SET specialization = EXCLUDED.specialization,
			hourly_rate = EXCLUDED.hourly_rate, start_date = EXCLUDED.start_date,
			certifications = EXCLUDED.certifications, status = EXCLUDED.status`
	);
	return users.rowCount ?? 0;
}

/** Fills scale_participants for participants from … to and inserts them with their assignments. */
export async function insertParticipants(db: Db, plan: ScalePlan, from: number, to: number) {
	await db.query(`DROP TABLE IF EXISTS scale_participants`);
	await db.query(
		`CREATE TEMP TABLE scale_participants ON COMMIT DROP AS
		SELECT p, pg_temp.md5_uuid(md5('scale:participant:' || p)) AS id, m,
			($1::text[])[1 + pg_temp.md5_int(m, 1) % cardinality($1::text[])] AS first,
			($2::text[])[1 + pg_temp.md5_int(m, 8) % cardinality($2::text[])] AS last,
			c.today - 760 + pg_temp.md5_int(m, 15) % 30 AS plan_start,
			c.today + 30 + pg_temp.md5_int(m, 22) % 365 AS plan_end
		FROM (SELECT p, md5('scale:participant-attr:' || p) AS m
			FROM generate_series(${int(from)}, ${int(to)}) p) g CROSS JOIN scale_ctx c`,
		NAMES
	);
	await db.query(`ANALYZE scale_participants`);
	const disability = (field: 'disability' | 'supportNeeds' | 'goals' | 'medicalInfo') =>
		DISABILITIES.map((d) => d[field]);
	const inserted = await db.query(
		`INSERT INTO participants (id, ndis_number, name, email, phone, address, date_of_birth,
			emergency_contact_name, emergency_contact_phone, primary_disability, plan_start_date,
			plan_end_date, plan_manager, total_budget, support_needs, goals, medical_info, notes, status,
			created_by)
		SELECT sp.id, (${int(NDIS_BASE)} + sp.p)::text, sp.first || ' ' || sp.last,
			lower(sp.first) || '.' || lower(regexp_replace(sp.last, '[^A-Za-z]', '', 'g')) || sp.p || '@example.com',
			format('04%s %s %s', lpad((pg_temp.md5_int(m, 2) % 100)::text, 2, '0'),
				lpad((pg_temp.md5_int(m, 9) % 1000)::text, 3, '0'), lpad((sp.p % 1000)::text, 3, '0')),
			format('%s %s, %s %s %s', 1 + pg_temp.md5_int(m, 3) % 180,
				($1::text[])[1 + pg_temp.md5_int(m, 4) % cardinality($1::text[])],
				($2::text[])[d.i], ($3::text[])[d.i], ($4::text[])[d.i]),
			c.today - (8 + pg_temp.md5_int(m, 5) % 65) * 365 - pg_temp.md5_int(m, 6) % 365,
			($5::text[])[1 + pg_temp.md5_int(m, 10) % cardinality($5::text[])] || ' ' || sp.last,
			format('04%s %s %s', lpad((pg_temp.md5_int(m, 11) % 100)::text, 2, '0'),
				lpad((pg_temp.md5_int(m, 12) % 1000)::text, 3, '0'), lpad((pg_temp.md5_int(m, 13) % 1000)::text, 3, '0')),
			($6::text[])[x.i], sp.plan_start, sp.plan_end,
			($10::text[])[1 + sp.p % cardinality($10::text[])],
			((1500 + pg_temp.md5_int(m, 16) % 16500) * 10)::numeric(10, 2),
			($7::text[])[x.i], ($8::text[])[x.i], ($9::text[])[x.i],
			$11::text,
			CASE sp.p % 50 WHEN 7 THEN 'pending' WHEN 13 THEN 'inactive' ELSE 'active' END::participant_status,
			c.creator
		FROM scale_participants sp CROSS JOIN scale_ctx c
		CROSS JOIN LATERAL (SELECT 1 + pg_temp.md5_int(sp.m, 20) % cardinality($2::text[]) AS i) d
		CROSS JOIN LATERAL (SELECT 1 + sp.p % cardinality($6::text[]) AS i) x`,
		[
			STREETS,
			SUBURBS.map((s) => s.suburb),
			SUBURBS.map((s) => s.state),
			SUBURBS.map((s) => s.postcode),
			FIRST_NAMES,
			disability('disability'),
			disability('supportNeeds').map((v) => sealField(v)),
			disability('goals'),
			disability('medicalInfo').map((v) => sealField(v)),
			PLAN_MANAGERS,
			sealField('Generated by the scale seed for benchmarks.')
		]
	);
	const assigned = await db.query(
		`INSERT INTO participant_staff (id, participant_id, user_id, assigned_by)
		SELECT pg_temp.md5_uuid(md5('scale:assignment:' || sp.p || ':' || j)), sp.id, st.user_id, c.creator
		FROM scale_participants sp CROSS JOIN generate_series(0, 2) j CROSS JOIN scale_ctx c
		JOIN scale_staff st ON st.d = ((sp.p - 1) + j * ${int(plan.offset)}) % ${int(plan.delivering)}`
	);
	return { participants: inserted.rowCount ?? 0, assignments: assigned.rowCount ?? 0 };
}
