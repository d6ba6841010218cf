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
	underspending: 'Underspent, plan ending',
	exhausted: 'Budget used up',
	ended: 'Plan ended'
};
