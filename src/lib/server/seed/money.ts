/**
 * Money as integer cents, quantities as integer hundredths: never a float, so an invoice's lines
 * add up to the cent exactly as PostgreSQL's numeric arithmetic says they do.
 */

/** '73.58' → 7358. Accepts numeric(…,2) strings as pg returns them. */
export function toCents(decimal: string): number {
	const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(decimal.trim());
	if (!match) throw new Error(`Not a decimal amount: ${decimal}`);
	return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 7358 → '73.58'. Also used for hundredths of an hour (250 → '2.50'). */
export function fromCents(cents: number): string {
	if (!Number.isInteger(cents) || cents < 0) throw new Error(`Not a cent amount: ${cents}`);
	return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** quantity (hundredths) × rate (cents), rounded half up to the cent like numeric round(). */
export function lineAmountCents(quantityHundredths: number, rateCents: number): number {
	return Math.round((quantityHundredths * rateCents) / 100);
}
