/**
 * Field schemas every form and API body shares, so a date or a free-text field is checked, and
 * described when wrong, the same way everywhere.
 */
import { z } from 'zod';

/** True for a real calendar date in YYYY-MM-DD (not 2026-02-30). */
export function isRealDate(value: string): boolean {
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const isoDate = z
	.string({ error: 'must be a date (YYYY-MM-DD)' })
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
	.refine(isRealDate, 'is not a real calendar date');

/** Optional free text: an empty form field means "none", stored as null. */
export const optionalText = (max: number) =>
	z
		.string({ error: 'must be text' })
		.trim()
		.max(max, `must be at most ${max} characters`)
		.transform((v) => (v === '' ? null : v))
		.nullable()
		.optional();

/** A list of short outcomes (progress notes), at most 20, none empty. */
export const outcomesList = z
	.array(
		z
			.string({ error: 'each outcome must be text' })
			.trim()
			.min(1, 'each outcome must not be empty')
			.max(1000, 'each outcome must be at most 1000 characters'),
		{ error: 'must be a list of outcomes' }
	)
	.max(20, 'must be at most 20 outcomes');
