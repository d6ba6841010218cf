/**
 * The managers' budget dashboard (/budgets): what the budget job computed, read for the chosen
 * participants, plus the sessions, invoices and documents around them. Every figure is one
 * set-based query over the filtered participants; money stays a decimal string until the page.
 * Runs in the caller's transaction, so row-level security applies as everywhere else.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { z } from 'zod';
import { db, tx } from '../db';
import { providerSettings } from '../provider-settings';
import { providerToday } from '../provider';
import { WITHOUT_JIT } from '../sql';
import { DOCUMENT_STATUS_COUNTS } from '../documents/expiry';
import { addDays } from '../time';
import { PARTICIPANT_STATUSES, PLAN_MANAGERS } from '../../shared/enums';
import { budgetVerdict } from '../../shared/figures';
import type { BudgetRisk } from './recompute';

const RISKS = [
	'overspending',
	'underspending',
	'exhausted',
	'on_track',
	'not_started',
	'ended',
	'no_plan'
] as const satisfies readonly BudgetRisk[];

export const dashboardFilters = z.object({
	status: z
		.enum([...PARTICIPANT_STATUSES, 'all'])
		.catch('active')
		.default('active'),
	planManager: z.enum(PLAN_MANAGERS).optional().catch(undefined),
	coordinatorId: z.uuid().optional().catch(undefined),
	risk: z.enum(RISKS).optional().catch(undefined),
	months: z.coerce
		.number()
		.pipe(z.union([z.literal(3), z.literal(6), z.literal(12), z.literal(24)]))
		.catch(6)
		.default(6)
});
export type DashboardFilters = z.infer<typeof dashboardFilters>;

export type BurnRow = {
	id: string;
	name: string;
	totalBudget: string | null;
	usedBudget: string;
	usedPercent: string | null;
	planElapsedPercent: string | null;
	burnRatePerDay: string | null;
	projectedExhaustionDate: string | null;
	projectedSpend: string | null;
	planEndDate: string | null;
	risk: BudgetRisk;
};

type Row = Record<string, unknown>;

/** $1 status, $2 plan manager, $3 coordinator, $4 risk: the participants the figures cover. */
const CHOSEN = `
	SELECT p.id, p.name, p.total_budget, p.used_budget, p.plan_start_date, p.plan_end_date
	FROM participants p LEFT JOIN participant_budget_stats s ON s.participant_id = p.id
	WHERE ($1::text = 'all' OR p.status::text = $1::text)
		AND ($2::text IS NULL OR p.plan_manager = $2::text)
		AND ($3::uuid IS NULL OR EXISTS (
			SELECT 1 FROM participant_staff ps WHERE ps.participant_id = p.id AND ps.user_id = $3::uuid))
		AND ($4::text IS NULL OR s.risk = $4::text)`;

const BURN_COLUMNS = `p.id::text, p.name, p.total_budget::text AS "totalBudget",
	coalesce(s.used_budget, p.used_budget, 0)::text AS "usedBudget",
	s.used_percent::text AS "usedPercent", s.plan_elapsed_percent::text AS "planElapsedPercent",
	s.burn_rate_per_day::text AS "burnRatePerDay",
	s.projected_exhaustion_date::text AS "projectedExhaustionDate",
	s.projected_spend::text AS "projectedSpend", p.plan_end_date::text AS "planEndDate", s.risk`;

function monthList(today: string, months: number): string[] {
	const first = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
	return Array.from({ length: months }, (_, i) => {
		const d = new Date(first);
		d.setUTCMonth(first.getUTCMonth() - (months - 1 - i));
		return d.toISOString().slice(0, 10);
	});
}

export async function dashboard(filters: DashboardFilters, now = new Date()) {
	const settings = await providerSettings();
	const today = providerToday(settings, now);
	const months = monthList(today, filters.months);
	const bind = [
		filters.status,
		filters.planManager ?? null,
		filters.coordinatorId ?? null,
		filters.risk ?? null
	];
	return tx(async (t: Transaction) => {
		await db().query(WITHOUT_JIT, { transaction: t });
		// The chosen participants once, with statistics, instead of once per query: row-level
		// security's check per participant and the planner's guesses both cost more than this.
		await db().query(
			`CREATE TEMP TABLE chosen (id uuid PRIMARY KEY, name varchar(255), total_budget numeric,
				used_budget numeric, plan_start_date date, plan_end_date date) ON COMMIT DROP`,
			{ transaction: t }
		);
		await db().query(`INSERT INTO chosen ${CHOSEN}`, { bind, transaction: t });
		await db().query('ANALYZE chosen', { transaction: t });
		const q = <T extends Row>(sql: string, extra: unknown[] = []) =>
			db().query<T>(sql, {
				bind: extra,
				type: QueryTypes.SELECT,
				transaction: t
			});

		const [summary] = await q<Row>(
			`SELECT count(*)::int AS participants,
				coalesce(sum(c.total_budget), 0)::numeric(14, 2)::text AS total,
				coalesce(sum(c.used_budget), 0)::numeric(14, 2)::text AS used,
				coalesce(sum(c.total_budget * s.plan_elapsed_percent)
					/ nullif(sum(c.total_budget) FILTER (WHERE s.plan_elapsed_percent IS NOT NULL), 0), 0)::numeric(5, 1)::text AS elapsed,
				count(*) FILTER (WHERE s.participant_id IS NULL)::int AS not_computed,
				max(s.as_of)::text AS as_of, max(s.computed_at) AS computed_at,
				${RISKS.map((r) => `count(*) FILTER (WHERE s.risk = '${r}')::int AS "${r}"`).join(', ')}
			FROM chosen c LEFT JOIN participant_budget_stats s ON s.participant_id = c.id`
		);

		// Furthest ahead of their plan's time first: the ones to look at.
		const burn = await q<BurnRow>(
			`SELECT ${BURN_COLUMNS} FROM chosen c JOIN participants p ON p.id = c.id
			JOIN participant_budget_stats s ON s.participant_id = p.id
			WHERE s.used_percent IS NOT NULL AND s.plan_elapsed_percent IS NOT NULL
			ORDER BY s.used_percent - s.plan_elapsed_percent DESC, p.name LIMIT 25`
		);
		const tooFast = await q<BurnRow>(
			`SELECT ${BURN_COLUMNS} FROM chosen c JOIN participants p ON p.id = c.id
			JOIN participant_budget_stats s ON s.participant_id = p.id
			WHERE s.risk IN ('overspending', 'exhausted')
			ORDER BY s.risk = 'exhausted' DESC, s.projected_exhaustion_date NULLS LAST, p.name LIMIT 15`
		);
		const underspent = await q<BurnRow>(
			`SELECT ${BURN_COLUMNS} FROM chosen c JOIN participants p ON p.id = c.id
			JOIN participant_budget_stats s ON s.participant_id = p.id
			WHERE s.risk = 'underspending'
			ORDER BY p.plan_end_date, p.name LIMIT 15`
		);

		const spend = await q<{ month: string; category: string; amount: string }>(
			`SELECT m.month::text, m.category, sum(m.amount)::numeric(14, 2)::text AS amount
			FROM participant_monthly_spend m JOIN chosen c ON c.id = m.participant_id
			WHERE m.month BETWEEN $1::date AND $2::date
			GROUP BY m.month, m.category ORDER BY m.month, m.category`,
			[months[0], months[months.length - 1]]
		);

		const sessions = await q<{ month: string; status: string; n: number }>(
			`SELECT date_trunc('month', s.session_date)::date::text AS month, s.status::text, count(*)::int AS n
			FROM session_logs s JOIN chosen c ON c.id = s.participant_id
			WHERE s.session_date >= $1::date AND s.session_date <= $2::date
			GROUP BY 1, 2 ORDER BY 1, 2`,
			[months[0], today]
		);

		const invoices = await q<{ status: string; n: number; total: string }>(
			`SELECT i.status::text, count(*)::int AS n, coalesce(sum(i.total_amount), 0)::numeric(14, 2)::text AS total
			FROM invoices i JOIN chosen c ON c.id = i.participant_id GROUP BY 1 ORDER BY 1`
		);
		const [overdue] = await q<{ n: number; amount: string }>(
			`SELECT count(*)::int AS n, coalesce(sum(i.total_amount), 0)::numeric(14, 2)::text AS amount
			FROM invoices i JOIN chosen c ON c.id = i.participant_id
			WHERE i.status = 'overdue' OR (i.status = 'sent' AND i.due_date < $1::date)`,
			[today]
		);

		const documentWeeks = await q<{ week: number; n: number }>(
			`SELECT ((d.expiry_date - $1::date) / 7)::int AS week, count(*)::int AS n
			FROM documents d JOIN chosen c ON c.id = d.participant_id
			WHERE d.expiry_date BETWEEN $1::date AND $1::date + 55
			GROUP BY 1 ORDER BY 1`,
			[today]
		);
		// Organisation-wide, as on the dashboard and the walls (staff certificates belong to no
		// participant, and an ended plan's documents still expire): one count everywhere.
		const [documentCounts] = await q<{ expiringSoon: number; expired: number }>(
			`SELECT ${DOCUMENT_STATUS_COUNTS} FROM documents d`
		);
		const soonest = await q<{
			id: string;
			name: string;
			participantId: string;
			participantName: string;
			expiryDate: string;
			daysLeft: number;
		}>(
			`SELECT d.id::text, d.name, c.id::text AS "participantId", c.name AS "participantName",
				d.expiry_date::text AS "expiryDate", (d.expiry_date - $1::date) AS "daysLeft"
			FROM documents d JOIN chosen c ON c.id = d.participant_id
			WHERE d.status = 'expiring_soon'
			ORDER BY d.expiry_date, d.name LIMIT 10`,
			[today]
		);

		const coordinators = await db().query<{ id: string; name: string }>(
			`SELECT id::text, name FROM users WHERE role = 'support_coordinator' AND is_active ORDER BY name`,
			{ type: QueryTypes.SELECT, transaction: t }
		);

		const s = summary ?? {};
		const total = Number(s.total ?? 0);
		const weeks = Array.from({ length: 8 }, (_, w) => ({
			from: addDays(today, w * 7),
			count: documentWeeks.find((d) => Number(d.week) === w)?.n ?? 0
		}));
		return {
			today,
			timeZone: settings.timeZone,
			months,
			summary: {
				participants: Number(s.participants ?? 0),
				totalBudget: String(s.total ?? '0.00'),
				usedBudget: String(s.used ?? '0.00'),
				usedPercent: total > 0 ? Math.round((Number(s.used) / total) * 1000) / 10 : 0,
				elapsedPercent: Number(s.elapsed ?? 0),
				notComputed: Number(s.not_computed ?? 0),
				asOf: (s.as_of as string | null) ?? null,
				computedAt: s.computed_at ? new Date(s.computed_at as string).toISOString() : null,
				byRisk: Object.fromEntries(RISKS.map((r) => [r, Number(s[r] ?? 0)])) as Record<
					BudgetRisk,
					number
				>
			},
			burn,
			tooFast,
			underspent,
			spend,
			sessions,
			invoices,
			overdue: { count: overdue?.n ?? 0, amount: overdue?.amount ?? '0.00' },
			documents: {
				expiringSoon: documentCounts?.expiringSoon ?? 0,
				expired: documentCounts?.expired ?? 0,
				weeks,
				soonest
			},
			options: { coordinators, planManagers: PLAN_MANAGERS, risks: RISKS }
		};
	});
}

export type BudgetDashboard = Awaited<ReturnType<typeof dashboard>>;

/**
 * One participant's figures from the last recompute, or null before the first (the hub shows
 * them), with the sentence that says where the spending stands, by the same rule as /budgets.
 */
export async function figuresFor(participantId: string) {
	const settings = await providerSettings();
	const rows = await tx((t) =>
		db().query<{
			asOf: string;
			usedPercent: string | null;
			planElapsedPercent: string | null;
			burnRatePerDay: string | null;
			projectedExhaustionDate: string | null;
			exhaustedOn: string | null;
			projectedSpend: string | null;
			unpricedHours: string;
			risk: BudgetRisk;
		}>(
			`SELECT as_of::text AS "asOf", used_percent::text AS "usedPercent",
				plan_elapsed_percent::text AS "planElapsedPercent", burn_rate_per_day::text AS "burnRatePerDay",
				projected_exhaustion_date::text AS "projectedExhaustionDate", exhausted_on::text AS "exhaustedOn",
				projected_spend::text AS "projectedSpend", unpriced_hours::text AS "unpricedHours", risk
			FROM participant_budget_stats WHERE participant_id = $1`,
			{ bind: [participantId], type: QueryTypes.SELECT, transaction: t }
		)
	);
	const row = rows[0];
	if (!row) return null;
	const asNumber = (v: string | null) => (v === null ? null : Number(v));
	return {
		...row,
		verdict: budgetVerdict(
			row.risk,
			asNumber(row.usedPercent),
			asNumber(row.planElapsedPercent),
			settings.atRiskPercent
		)
	};
}
