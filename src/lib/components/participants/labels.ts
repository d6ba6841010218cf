/** How participant values read on the pages. */
import type { ParticipantStatus } from '$lib/shared/enums';

export const STATUS_LABELS: Record<ParticipantStatus, string> = {
	active: 'Active',
	inactive: 'Inactive',
	pending: 'Pending'
};

const AUD = new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD' });

/** Decimal strings are shown as dollars; Number is safe here, it is display only. */
export function formatMoney(amount: string | null): string {
	return amount === null ? '—' : AUD.format(Number(amount));
}

/** An enum value as words: 'expiring_soon' → 'Expiring soon'. */
export function humanise(value: string): string {
	const words = value.replaceAll('_', ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}
