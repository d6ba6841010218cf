/**
 * The one definition of what a participant has spent, shared by the budget job and the seeds.
 *
 * A participant's used budget is the value of their approved sessions inside the current plan,
 * plus invoice lines not tied to a session (coordination, consumables) on invoices issued inside
 * the plan. A session is valued at what it was invoiced for once it is on an invoice that has been
 * sent (sent, paid or overdue; a draft can still change); before that, at its hours times the
 * item's price in force on the session's date (ndis_item_code_prices; the earliest price when the
 * session predates them all, the item's own price when it has no history), rounded to the cent.
 * Approved sessions without a support item cannot be priced: they count as hours, not dollars,
 * and are reported as unpriced hours.
 *
 * From that, per participant, as of the provider's today (today counts as elapsed):
 * - plan elapsed % = days of the plan up to today / days of the plan;
 * - burn rate = the average daily spend over the last `burnWindowDays` days of the plan so far;
 * - projected exhaustion = today + what is left / burn rate (none while nothing is being spent);
 * - projected spend = used + burn rate × days left in the plan;
 * - risk: exhausted (used ≥ budget); overspending (projected to run out before the plan ends, or
 *   past the at-risk share of the budget before that share of the plan); underspending (the
 *   projected spend is under `underspendPercent` of the budget, judged once the plan ends within
 *   `planEndingDays` or is half over); on track; or no plan / not started / ended. The same rule
 *   in TypeScript is `budgetRisk` in shared/figures.ts (the hub's wording, the unit tests).
 *
 * Everything is set-based, for a batch of participants at a time, inside the caller's transaction.
 * The participants' rows are locked first (in id order, so batches never deadlock), so two
 * recomputes of one participant run one after the other and the later one sees the other's commit.
 * A recompute derives everything from the rows themselves, so running it twice, or again after a
 * crash, gives the same figures: nothing is ever added to a running total.
 */
import { WITHOUT_JIT, type Sql } from '../sql';
import type { ProviderSettings } from '../provider';
import { UNDERSPEND_FROM_ELAPSED_PERCENT, type BudgetRisk } from '../../shared/figures';

export type BudgetRules = Pick<
	ProviderSettings,
	'atRiskPercent' | 'burnWindowDays' | 'planEndingDays' | 'underspendPercent'
> & { today: string };

export type { BudgetRisk };

export type BudgetFigures = {
	participantId: string;
	asOf: string;
	totalBudget: string | null;
	usedBudget: string;
	invoicedAmount: string;
	uninvoicedAmount: string;
	unpricedHours: string;
	usedPercent: string | null;
	planElapsedPercent: string | null;
	burnRatePerDay: string | null;
	projectedSpend: string | null;
	projectedExhaustionDate: string | null;
	exhaustedOn: string | null;
	risk: BudgetRisk;
};

/** Per item, the price valid from (inclusive) to (exclusive); the first row reaches back forever. */
export const PRICE_RANGES = `
	SELECT ndis_item_code_id AS item_id, price,
		CASE WHEN row_number() OVER w = 1 THEN '-infinity'::date ELSE effective_date END AS valid_from,
		coalesce(lead(effective_date) OVER w, 'infinity'::date) AS valid_to
	FROM ndis_item_code_prices
	WINDOW w AS (PARTITION BY ndis_item_code_id ORDER BY effective_date)`;

/**
 * The price range of session `s`'s item in force on its date, as `pr` (the query names
 * PRICE_RANGES `prices` in a WITH). With sessionValue, the one pricing rule for the budget job
 * and for the value a coordinator sees when approving.
 */
export const priceInForceJoin = (s: string, pr: string) =>
	`LEFT JOIN prices ${pr} ON ${pr}.item_id = ${s}.ndis_item_code_id
		AND ${s}.session_date >= ${pr}.valid_from AND ${s}.session_date < ${pr}.valid_to`;

/** Hours × that price (the item's own when it has no history), to the cent; null without an item. */
export const sessionValue = (s: string, pr: string, c: string) =>
	`round(${s}.duration_hours * coalesce(${pr}.price, ${c}.price), 2)`;

const CATEGORY = `coalesce(nullif(c.support_category_name, ''), nullif(c.category, ''), 'No support item')`;

/** Invoice statuses whose lines are what a session costs the plan (a draft may still change). */
export const INVOICED = `('sent', 'paid', 'overdue')`;

/**
 * Every approved session and unlinked invoice line of the batch ($1), valued: one row each with
 * its date, support category, hours and amount. The temp table is dropped at the end of the call
 * (a seed recomputes several batches in one transaction).
 */
const VALUED_TABLE = `
	CREATE TEMP TABLE budget_valued (participant_id uuid, day date, category varchar(255),
		hours numeric, amount numeric, invoiced boolean, unpriced boolean) ON COMMIT DROP`;

// Parameters are not allowed in CREATE TABLE AS, hence a table first and then this INSERT.
const VALUED = `
	INSERT INTO budget_valued
	WITH prices AS (${PRICE_RANGES}),
	billed AS (
		SELECT ii.session_log_id, ii.session_log_date, sum(ii.amount) AS amount
		FROM invoices i JOIN invoice_items ii ON ii.invoice_id = i.id
		WHERE i.participant_id = ANY($1::uuid[]) AND i.status IN ${INVOICED}
			AND ii.session_log_id IS NOT NULL
		GROUP BY ii.session_log_id, ii.session_log_date)
	SELECT s.participant_id, s.session_date AS day, ${CATEGORY}::varchar(255) AS category,
		s.duration_hours AS hours,
		coalesce(b.amount, ${sessionValue('s', 'pr', 'c')}, 0) AS amount,
		b.amount IS NOT NULL AS invoiced,
		b.amount IS NULL AND c.id IS NULL AS unpriced
	FROM session_logs s
	LEFT JOIN ndis_item_codes c ON c.id = s.ndis_item_code_id
	${priceInForceJoin('s', 'pr')}
	LEFT JOIN billed b ON b.session_log_id = s.id AND b.session_log_date = s.session_date
	WHERE s.participant_id = ANY($1::uuid[]) AND s.status = 'approved'
	UNION ALL
	SELECT i.participant_id, i.issue_date, ${CATEGORY}::varchar(255), 0, ii.amount, true, false
	FROM invoices i JOIN invoice_items ii ON ii.invoice_id = i.id
	LEFT JOIN ndis_item_codes c ON c.id = ii.ndis_item_code_id
	WHERE i.participant_id = ANY($1::uuid[]) AND i.status IN ${INVOICED}
		AND ii.session_log_id IS NULL`;

/** Month × category, kept equal to the valuation: changed rows updated, vanished ones deleted. */
const MONTHLY = `
	WITH agg AS (
		SELECT participant_id, date_trunc('month', day)::date AS month, category,
			sum(amount) AS amount, sum(hours) AS hours
		FROM budget_valued GROUP BY 1, 2, 3),
	gone AS (
		DELETE FROM participant_monthly_spend m
		WHERE m.participant_id = ANY($1::uuid[]) AND NOT EXISTS (
			SELECT 1 FROM agg WHERE agg.participant_id = m.participant_id
				AND agg.month = m.month AND agg.category = m.category))
	INSERT INTO participant_monthly_spend AS m (participant_id, month, category, amount, hours)
	SELECT participant_id, month, category, amount, hours FROM agg
	ON CONFLICT (participant_id, month, category) DO UPDATE
		SET amount = EXCLUDED.amount, hours = EXCLUDED.hours
		WHERE (m.amount, m.hours) IS DISTINCT FROM (EXCLUDED.amount, EXCLUDED.hours)`;

/** $1 batch, $2 today, $3 window days, $4 at-risk %, $5 plan-ending days, $6 underspend %. */
const STATS = `
	WITH t AS (
		SELECT p.id, p.total_budget AS total, p.plan_start_date AS ps, p.plan_end_date AS pe,
			least($2::date, p.plan_end_date) AS w_end
		FROM participants p WHERE p.id = ANY($1::uuid[])),
	inplan AS (
		SELECT v.*, t.total FROM budget_valued v JOIN t ON t.id = v.participant_id
		WHERE (t.ps IS NULL OR v.day >= t.ps) AND (t.pe IS NULL OR v.day <= t.pe)),
	sums AS (
		SELECT v.participant_id, sum(v.amount) AS used,
			sum(v.amount) FILTER (WHERE v.invoiced) AS invoiced,
			sum(v.hours) FILTER (WHERE v.unpriced) AS unpriced_hours,
			sum(v.amount) FILTER (WHERE v.day BETWEEN greatest(t.ps, t.w_end - ($3::int - 1)) AND t.w_end)
				AS window_spend
		FROM inplan v JOIN t ON t.id = v.participant_id GROUP BY v.participant_id),
	exhausted AS (
		SELECT participant_id, min(day) AS day FROM (
			SELECT participant_id, day, total,
				sum(amount) OVER (PARTITION BY participant_id ORDER BY day ROWS UNBOUNDED PRECEDING) AS running
			FROM inplan) r
		WHERE total > 0 AND running >= total GROUP BY participant_id),
	base AS (
		SELECT t.id, t.total, t.ps, t.pe,
			coalesce(s.used, 0) AS used, coalesce(s.invoiced, 0) AS invoiced,
			coalesce(s.unpriced_hours, 0) AS unpriced_hours, e.day AS exhausted_on,
			CASE WHEN t.ps IS NULL OR t.pe IS NULL OR $2::date < t.ps THEN NULL
				ELSE round(coalesce(s.window_spend, 0) / (t.w_end - greatest(t.ps, t.w_end - ($3::int - 1)) + 1), 2)
			END AS burn,
			CASE WHEN t.ps IS NULL OR t.pe IS NULL THEN NULL
				WHEN $2::date < t.ps THEN 0 WHEN $2::date >= t.pe THEN 100
				ELSE round(($2::date - t.ps + 1) * 100.0 / (t.pe - t.ps + 1), 2) END AS elapsed
		FROM t LEFT JOIN sums s ON s.participant_id = t.id LEFT JOIN exhausted e ON e.participant_id = t.id),
	figures AS (
		SELECT b.*,
			CASE WHEN b.total > 0 THEN round(b.used * 100 / b.total, 2) END AS used_percent,
			CASE WHEN b.burn IS NULL THEN NULL
				ELSE b.used + b.burn * greatest(b.pe - $2::date, 0) END AS projected,
			CASE WHEN b.total > 0 AND b.used < b.total AND b.burn > 0
				THEN $2::date + least(ceil((b.total - b.used) / b.burn), 36500)::int END AS runs_out
		FROM base b)
	INSERT INTO participant_budget_stats AS st (participant_id, as_of, total_budget, used_budget,
		invoiced_amount, uninvoiced_amount, unpriced_hours, used_percent, plan_elapsed_percent,
		burn_rate_per_day, projected_spend, projected_exhaustion_date, exhausted_on, risk, computed_at)
	SELECT f.id, $2::date, f.total, f.used, f.invoiced, f.used - f.invoiced, f.unpriced_hours,
		f.used_percent, f.elapsed, f.burn, f.projected, f.runs_out, f.exhausted_on,
		CASE WHEN f.total IS NULL OR f.total <= 0 OR f.ps IS NULL OR f.pe IS NULL THEN 'no_plan'
			WHEN $2::date < f.ps THEN 'not_started'
			WHEN f.used >= f.total THEN 'exhausted'
			WHEN $2::date > f.pe THEN 'ended'
			WHEN f.runs_out <= f.pe THEN 'overspending'
			WHEN f.used_percent >= $4::numeric AND f.elapsed < $4::numeric THEN 'overspending'
			WHEN (f.pe - $2::date <= $5::int OR f.elapsed >= ${UNDERSPEND_FROM_ELAPSED_PERCENT})
				AND f.projected < f.total * $6::numeric / 100 THEN 'underspending'
			ELSE 'on_track' END,
		now()
	FROM figures f
	ON CONFLICT (participant_id) DO UPDATE SET as_of = EXCLUDED.as_of,
		total_budget = EXCLUDED.total_budget, used_budget = EXCLUDED.used_budget,
		invoiced_amount = EXCLUDED.invoiced_amount, uninvoiced_amount = EXCLUDED.uninvoiced_amount,
		unpriced_hours = EXCLUDED.unpriced_hours, used_percent = EXCLUDED.used_percent,
		plan_elapsed_percent = EXCLUDED.plan_elapsed_percent,
		burn_rate_per_day = EXCLUDED.burn_rate_per_day, projected_spend = EXCLUDED.projected_spend,
		projected_exhaustion_date = EXCLUDED.projected_exhaustion_date,
		exhausted_on = EXCLUDED.exhausted_on, risk = EXCLUDED.risk, computed_at = EXCLUDED.computed_at
	RETURNING participant_id::text AS "participantId", as_of::text AS "asOf",
		total_budget::text AS "totalBudget", used_budget::text AS "usedBudget",
		invoiced_amount::text AS "invoicedAmount", uninvoiced_amount::text AS "uninvoicedAmount",
		unpriced_hours::text AS "unpricedHours", used_percent::text AS "usedPercent",
		plan_elapsed_percent::text AS "planElapsedPercent", burn_rate_per_day::text AS "burnRatePerDay",
		projected_spend::text AS "projectedSpend",
		projected_exhaustion_date::text AS "projectedExhaustionDate",
		exhausted_on::text AS "exhaustedOn", risk`;

const USED = `
	UPDATE participants p SET used_budget = s.used_budget
	FROM participant_budget_stats s
	WHERE s.participant_id = p.id AND p.id = ANY($1::uuid[])
		AND p.used_budget IS DISTINCT FROM s.used_budget
	RETURNING p.id::text AS id`;

export type BatchResult = {
	/** Every participant of the batch that exists, with its figures as of `rules.today`. */
	figures: BudgetFigures[];
	/** The participants whose participants.used_budget changed. */
	changed: Set<string>;
};

/** Recomputes one batch inside the caller's transaction (see the module comment). */
export async function recomputeBatch(
	sql: Sql,
	participantIds: string[],
	rules: BudgetRules
): Promise<BatchResult> {
	if (participantIds.length === 0) return { figures: [], changed: new Set() };
	const locked = await sql<{ id: string }>(
		`SELECT id::text AS id FROM participants WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
		[participantIds]
	);
	const ids = locked.map((r) => r.id);
	if (ids.length === 0) return { figures: [], changed: new Set() };
	await sql(WITHOUT_JIT);
	await sql('DROP TABLE IF EXISTS budget_valued');
	await sql(VALUED_TABLE);
	await sql(VALUED, [ids]);
	await sql(MONTHLY, [ids]);
	const figures = await sql<BudgetFigures>(STATS, [
		ids,
		rules.today,
		rules.burnWindowDays,
		rules.atRiskPercent,
		rules.planEndingDays,
		rules.underspendPercent
	]);
	const changed = await sql<{ id: string }>(USED, [ids]);
	await sql('DROP TABLE budget_valued');
	return { figures, changed: new Set(changed.map((r) => r.id)) };
}
