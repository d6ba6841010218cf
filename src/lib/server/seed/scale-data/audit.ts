/**
 * Two hundred audit rows per participant over 24 months: sign-ins, views, session logging and
 * approval, note and roster edits, invoicing and downloads, each by one of the participant's
 * staff (approvals by a coordinator) and pointing at the record it touched, so per-record
 * history queries have real work to do.
 */
import type { Db } from '../db';
import { int } from './context';
import { AUDIT_PER_PARTICIPANT, DAYS, type ScalePlan } from './plan';

const USER_AGENTS = [
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15'
];

export async function buildAudit(db: Db, plan: ScalePlan) {
	const result = await db.query(
		`INSERT INTO audit_logs (id, user_id, action, table_name, record_id, old_values, new_values,
			ip_address, user_agent, created_at)
		SELECT pg_temp.md5_uuid(x.m),
			CASE WHEN kind = 4 THEN c.coordinators[1 + h % cardinality(c.coordinators)] ELSE st.user_id END,
			(ARRAY['login', 'view', 'create', 'update', 'approve', 'update', 'create', 'update', 'create', 'download'])[kind + 1],
			(ARRAY['users', 'participants', 'session_logs', 'session_logs', 'session_logs', 'participants',
				'progress_notes', 'calendar_events', 'invoices', 'documents'])[kind + 1],
			CASE kind
				WHEN 0 THEN st.user_id
				WHEN 1 THEN sp.id WHEN 5 THEN sp.id
				WHEN 6 THEN pg_temp.md5_uuid(md5('scale:progress-note:' || sp.p || ':' || (a / 20) * 10))
				WHEN 7 THEN pg_temp.md5_uuid(md5('scale:event:' || sp.p))
				WHEN 8 THEN pg_temp.md5_uuid(md5('scale:invoice:' || sp.p || ':' || a / 20))
				WHEN 9 THEN pg_temp.md5_uuid(md5('scale:document:' || sp.p || ':' || a % 2))
				ELSE pg_temp.md5_uuid(md5('scale:session:' || sp.p || ':' || a / 2)) END,
			CASE kind
				WHEN 3 THEN jsonb_build_object('notes', 'Draft notes')
				WHEN 4 THEN jsonb_build_object('status', 'pending')
				WHEN 5 THEN jsonb_build_object('phone', '0400 000 000')
				WHEN 7 THEN jsonb_build_object('status', 'scheduled') END,
			CASE kind
				WHEN 0 THEN jsonb_build_object('result', 'success')
				WHEN 2 THEN jsonb_build_object('status', 'pending', 'session_date', created_on)
				WHEN 3 THEN jsonb_build_object('notes', 'Notes completed with outcomes and next steps')
				WHEN 4 THEN jsonb_build_object('status', 'approved')
				WHEN 5 THEN jsonb_build_object('phone', '04' || lpad((h % 100000000)::text, 8, '0'))
				WHEN 6 THEN jsonb_build_object('session_type', 'Personal care')
				WHEN 7 THEN jsonb_build_object('status', 'confirmed')
				WHEN 8 THEN jsonb_build_object('status', 'draft')
				END,
			'10.' || (h % 256) || '.' || (h / 256 % 256) || '.' || (1 + h / 65536 % 254),
			($1::text[])[1 + h % cardinality($1::text[])],
			least(now(), (created_on + (7 * 3600 + h % 43200) * interval '1 second') AT TIME ZONE 'Australia/Sydney')
		FROM scale_participants sp CROSS JOIN scale_ctx c
		CROSS JOIN generate_series(0, ${int(AUDIT_PER_PARTICIPANT - 1)}) a
		CROSS JOIN LATERAL (SELECT md5('scale:audit:' || sp.p || ':' || a) AS m) x
		CROSS JOIN LATERAL (
			SELECT pg_temp.md5_int(x.m, 1) AS h, a % 10 AS kind,
				c.first_day + a * ${int(DAYS)} / ${int(AUDIT_PER_PARTICIPANT)} AS created_on
		) y
		JOIN scale_staff st ON st.d = ((sp.p - 1) + (a % 3) * ${int(plan.offset)}) % ${int(plan.delivering)}`,
		[USER_AGENTS]
	);
	return result.rowCount ?? 0;
}
