/**
 * How the jobs' figures read, on pages, wall displays and in notifications alike. Money arrives as
 * decimal strings; Number is safe here because it is display only, never arithmetic that is kept.
 */
const AUD = new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD' });
const AUD_WHOLE = new Intl.NumberFormat('en-AU', {
	style: 'currency',
	currency: 'AUD',
	maximumFractionDigits: 0
});
const COMPACT = new Intl.NumberFormat('en-AU', {
	style: 'currency',
	currency: 'AUD',
	notation: 'compact',
	maximumFractionDigits: 1
});

export function dollars(amount: string | number | null | undefined): string {
	return amount === null || amount === undefined ? '—' : AUD.format(Number(amount));
}

/** Whole dollars, for large figures read from across a room. */
export function wholeDollars(amount: string | number | null | undefined): string {
	return amount === null || amount === undefined ? '—' : AUD_WHOLE.format(Number(amount));
}

/** $1.2M, $340K: for chart axes and tight tiles. */
export function compactDollars(amount: string | number | null | undefined): string {
	return amount === null || amount === undefined ? '—' : COMPACT.format(Number(amount));
}

export function percent(value: string | number | null | undefined, digits = 1): string {
	if (value === null || value === undefined || value === '') return '—';
	return `${Number(value).toFixed(digits)}%`;
}

export const RISK_LABELS: Record<string, string> = {
	no_plan: 'No plan or budget',
	not_started: 'Plan not started',
	on_track: 'On track',
	overspending: 'Spending too fast',
	underspending: 'Underspent',
	exhausted: 'Budget used up',
	ended: 'Plan ended'
};

/** The provider's budget settings the classification reads (system settings `budget.*`). */
export type BudgetRiskRules = {
	atRiskPercent: number;
	planEndingDays: number;
	underspendPercent: number;
};

/**
 * From halfway through a plan, a projection well short of the budget is underspending whatever
 * the time left: 2.4% spent with 72% of the plan gone is not "on track".
 */
export const UNDERSPEND_FROM_ELAPSED_PERCENT = 50;

export type BudgetPosition = {
	/** The provider's today and the plan's dates, as YYYY-MM-DD (null: no plan). */
	today: string;
	planStart: string | null;
	planEnd: string | null;
	/** Money as numbers of dollars: classification only, never kept. */
	total: number | null;
	used: number;
	usedPercent: number | null;
	elapsedPercent: number | null;
	/** Used + the recent daily burn × the days left (null before the plan starts). */
	projectedSpend: number | null;
	/** The day the budget runs out at the recent burn (null while nothing is being spent). */
	runsOut: string | null;
};

const daysFrom = (from: string, to: string) =>
	Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Where a plan's spending stands. The budget job (src/lib/server/budgets/recompute.ts) applies
 * this very rule in SQL for /budgets, the walls and the participant hub; figures.spec.ts tests
 * this one's boundaries, src/jobs/budget-usage.int.spec.ts the job's.
 */
export function budgetRisk(p: BudgetPosition, rules: BudgetRiskRules): BudgetRisk {
	if (p.total === null || p.total <= 0 || !p.planStart || !p.planEnd) return 'no_plan';
	if (p.today < p.planStart) return 'not_started';
	if (p.used >= p.total) return 'exhausted';
	if (p.today > p.planEnd) return 'ended';
	if (p.runsOut !== null && p.runsOut <= p.planEnd) return 'overspending';
	if (
		p.usedPercent !== null &&
		p.elapsedPercent !== null &&
		p.usedPercent >= rules.atRiskPercent &&
		p.elapsedPercent < rules.atRiskPercent
	) {
		return 'overspending';
	}
	const judged =
		daysFrom(p.today, p.planEnd) <= rules.planEndingDays ||
		(p.elapsedPercent ?? 0) >= UNDERSPEND_FROM_ELAPSED_PERCENT;
	if (
		judged &&
		p.projectedSpend !== null &&
		p.projectedSpend < (p.total * rules.underspendPercent) / 100
	) {
		return 'underspending';
	}
	return 'on_track';
}

export type BudgetRisk =
	'no_plan' | 'not_started' | 'on_track' | 'overspending' | 'underspending' | 'exhausted' | 'ended';

export type BudgetVerdict = {
	/** What the hub, /budgets and the walls call it. */
	state: 'on_track' | 'too_fast' | 'nearly_used_up' | 'used_up' | 'underspent' | 'other';
	tone: 'good' | 'warn' | 'bad' | 'plain';
	text: string;
};

/**
 * One sentence on a plan's spending, from the job's risk and the two percentages: "nearly used
 * up" is spending too fast with most of the budget already gone.
 */
export function budgetVerdict(
	risk: BudgetRisk,
	usedPercent: number | null,
	elapsedPercent: number | null,
	atRiskPercent: number
): BudgetVerdict {
	const spent =
		usedPercent !== null && elapsedPercent !== null
			? `${percent(usedPercent)} spent with ${percent(elapsedPercent)} of the plan gone`
			: '';
	const tail = spent ? `: ${spent}.` : '.';
	switch (risk) {
		case 'exhausted':
			return { state: 'used_up', tone: 'bad', text: `Budget used up${tail}` };
		case 'overspending':
			return usedPercent !== null && usedPercent >= atRiskPercent
				? { state: 'nearly_used_up', tone: 'bad', text: `Nearly used up${tail}` }
				: {
						state: 'too_fast',
						tone: 'bad',
						text: `Spending too fast${tail} At this rate the budget runs out before the plan ends.`
					};
		case 'underspending':
			return {
				state: 'underspent',
				tone: 'warn',
				text: `Underspent${tail} At this rate much of the budget will be left unused.`
			};
		case 'on_track':
			return { state: 'on_track', tone: 'good', text: `On track${tail}` };
		default:
			return { state: 'other', tone: 'plain', text: `${RISK_LABELS[risk]}${tail}` };
	}
}
