/**
 * The budget rules of src/lib/server/budgets/recompute.ts written a second, deliberately naive way
 * (one correlated subquery per session, the price in force found as prices.ts finds it), so the
 * job's set-based SQL is checked against an independent reading of the same rules.
 */
import type pg from 'pg';

const SESSION_VALUE = `
	CASE WHEN EXISTS (
		SELECT 1 FROM invoice_items ii JOIN invoices i ON i.id = ii.invoice_id
		WHERE ii.session_log_id = s.id AND ii.session_log_date = s.session_date
			AND i.status IN ('sent', 'paid', 'overdue'))
	THEN (SELECT sum(ii.amount) FROM invoice_items ii JOIN invoices i ON i.id = ii.invoice_id
		WHERE ii.session_log_id = s.id AND ii.session_log_date = s.session_date
			AND i.status IN ('sent', 'paid', 'overdue'))
	ELSE coalesce(round(s.duration_hours * coalesce(
		(SELECT pr.price FROM ndis_item_code_prices pr WHERE pr.ndis_item_code_id = s.ndis_item_code_id
			ORDER BY pr.effective_date > s.session_date, abs(pr.effective_date - s.session_date) LIMIT 1),
		(SELECT c.price FROM ndis_item_codes c WHERE c.id = s.ndis_item_code_id)), 2), 0) END`;

/** Per participant matching `filter` (on alias p): the used budget the rules give, and the stored one. */
const usedTruth = (filter: string) => `
	SELECT p.id::text AS id, p.used_budget::text AS stored,
		(coalesce((SELECT sum(${SESSION_VALUE}) FROM session_logs s
			WHERE s.participant_id = p.id AND s.status = 'approved'
				AND s.session_date >= coalesce(p.plan_start_date, '-infinity')
				AND s.session_date <= coalesce(p.plan_end_date, 'infinity')), 0)
		+ coalesce((SELECT sum(ii.amount) FROM invoices i JOIN invoice_items ii ON ii.invoice_id = i.id
			WHERE i.participant_id = p.id AND i.status IN ('sent', 'paid', 'overdue')
				AND ii.session_log_id IS NULL
				AND i.issue_date >= coalesce(p.plan_start_date, '-infinity')
				AND i.issue_date <= coalesce(p.plan_end_date, 'infinity')), 0))::numeric(12, 2)::text AS truth
	FROM participants p WHERE ${filter}`;

/** Participants whose stored used budget differs from the rules' (an empty list is success). */
export async function budgetMismatches(client: pg.ClientBase, filter = 'true') {
	const { rows } = await client.query<{ id: string; stored: string; truth: string }>(
		`SELECT * FROM (${usedTruth(filter)}) t WHERE t.stored IS DISTINCT FROM t.truth`
	);
	return rows;
}

/** Participants whose monthly spend rows do not add up to all their valued spending. */
export async function monthlyMismatches(client: pg.ClientBase, filter = 'true') {
	const { rows } = await client.query<{ id: string }>(
		`SELECT p.id::text AS id FROM participants p WHERE (${filter}) AND
			coalesce((SELECT sum(amount) FROM participant_monthly_spend m WHERE m.participant_id = p.id), 0)
			<> coalesce((SELECT sum(${SESSION_VALUE}) FROM session_logs s
				WHERE s.participant_id = p.id AND s.status = 'approved'), 0)
			+ coalesce((SELECT sum(ii.amount) FROM invoices i JOIN invoice_items ii ON ii.invoice_id = i.id
				WHERE i.participant_id = p.id AND i.status IN ('sent', 'paid', 'overdue')
					AND ii.session_log_id IS NULL), 0)`
	);
	return rows;
}
