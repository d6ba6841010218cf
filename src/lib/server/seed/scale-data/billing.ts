/**
 * Ten invoices per participant, each billing three of its sessions (when approved) plus a support
 * coordination line, so every invoice has lines and its subtotal is their sum. Recent invoices
 * are drafts or sent; older ones paid, with one in twelve overdue.
 */
import type { Db } from '../db';
import { int } from './context';
import { INVOICES_PER_PARTICIPANT, SESSIONS_PER_PARTICIPANT } from './plan';

// Invoice m bills sessions k with ⌊k / PER_INVOICE⌋ = m: the first three, if approved.
const PER_INVOICE = SESSIONS_PER_PARTICIPANT / INVOICES_PER_PARTICIPANT;

export async function buildInvoices(db: Db, from: number, to: number) {
	await db.query(`DROP TABLE IF EXISTS scale_lines`);
	await db.query(
		`CREATE TEMP TABLE scale_lines ON COMMIT DROP AS
		SELECT s.p, s.k / ${int(PER_INVOICE)} AS m, pg_temp.md5_uuid(md5('scale:invoice-item:' || s.p || ':' || s.k)) AS id,
			sv.item_id, s.id AS session_id, s.session_date, s.hundredths::numeric / 100 AS quantity,
			sv.price AS rate, sv.service_type || ' on ' || s.session_date AS description
		FROM scale_sessions s JOIN scale_services sv ON sv.key = s.service
		WHERE s.k % ${int(PER_INVOICE)} < 3 AND s.status = 'approved'
		UNION ALL
		SELECT p, m, pg_temp.md5_uuid(md5('scale:invoice-item:' || p || ':coordination:' || m)),
			sv.item_id, NULL, NULL, (1 + (p * 7 + m) % 8) * 0.25, sv.price,
			'Support coordination: roster, provider liaison and plan implementation'
		FROM generate_series(${int(from)}, ${int(to)}) p CROSS JOIN generate_series(0, ${int(INVOICES_PER_PARTICIPANT - 1)}) m
		JOIN scale_services sv ON sv.key = 'coordination'`
	);
	const invoices = await db.query(
		`INSERT INTO invoices (id, invoice_number, participant_id, staff_id, issue_date, due_date,
			subtotal, gst_amount, total_amount, status, notes, sent_at, paid_at)
		SELECT pg_temp.md5_uuid(md5('scale:invoice:' || d.p || ':' || d.m)),
			'INV-S' || lpad(d.p::text, 7, '0') || '-' || lpad(d.m::text, 2, '0'),
			sp.id, d.raised_by, d.issue, d.issue + 14, l.subtotal, 0, l.subtotal, d.status,
			'Supports delivered up to ' || (d.issue - 2) || '. NDIS supports are GST-free.',
			CASE WHEN d.status <> 'draft' THEN (d.issue + interval '10 hours') AT TIME ZONE 'Australia/Sydney' END,
			CASE WHEN d.status = 'paid' THEN least(now(),
				(d.issue + 3 + (d.p + d.m) % 14 + interval '14 hours') AT TIME ZONE 'Australia/Sydney') END
		FROM (
			SELECT p, m, issue, coordinators[1 + (p + m) % cardinality(coordinators)] AS raised_by, CASE
				WHEN issue > today - 15 THEN CASE WHEN (p + m) % 2 = 0 THEN 'draft' ELSE 'sent' END
				WHEN (p * 10 + m) % 12 = 0 THEN 'overdue' ELSE 'paid' END::invoice_status AS status
			FROM (
				SELECT s.p, s.k / ${int(PER_INVOICE)} AS m, least(max(s.session_date) + 2, c.today) AS issue, c.today,
					c.coordinators
				FROM scale_sessions s CROSS JOIN scale_ctx c GROUP BY s.p, s.k / ${int(PER_INVOICE)}, c.today, c.coordinators
			) x
		) d
		JOIN (SELECT p, m, sum(round(quantity * rate, 2)) AS subtotal FROM scale_lines GROUP BY p, m) l
			ON l.p = d.p AND l.m = d.m
		JOIN scale_participants sp ON sp.p = d.p`
	);
	const items = await db.query(
		`INSERT INTO invoice_items (id, invoice_id, ndis_item_code_id, session_log_id, session_log_date,
			quantity, rate, amount, description)
		SELECT id, pg_temp.md5_uuid(md5('scale:invoice:' || p || ':' || m)), item_id, session_id,
			session_date, quantity, rate, round(quantity * rate, 2), description
		FROM scale_lines`
	);
	return { invoices: invoices.rowCount ?? 0, invoiceItems: items.rowCount ?? 0 };
}
