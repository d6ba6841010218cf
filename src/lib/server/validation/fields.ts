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

/**
 * True when an ISO 8601 date and time names a real day and time: Date.parse alone reads
 * 2026-02-30T09:00 as 2 March.
 */
export function isRealInstant(value: string): boolean {
	return isRealDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value));
}

export const NUL_MESSAGE = 'must not contain a NUL character';

/** PostgreSQL cannot store U+0000 in text; input with one is refused, never stored or stripped. */
export const hasNul = (value: string) => value.includes('\u0000');

/**
 * Every string inside a parsed body or a form with a NUL character, as field → message (the
 * path joined with dots, as fieldErrors does): the body reader and the form hook refuse these.
 */
export function nulFields(value: unknown, path: string[] = []): Record<string, string> {
	const found: Record<string, string> = {};
	const visit = (v: unknown, at: string[]) => {
		if (typeof v === 'string') {
			if (hasNul(v)) found[at.length > 0 ? at.join('.') : 'body'] ??= NUL_MESSAGE;
		} else if (Array.isArray(v)) {
			v.forEach((item, i) => visit(item, [...at, String(i)]));
		} else if (v && typeof v === 'object') {
			for (const [key, item] of Object.entries(v)) {
				if (hasNul(key)) found[at.length > 0 ? at.join('.') : 'body'] ??= NUL_MESSAGE;
				visit(item, [...at, key]);
			}
		}
	};
	visit(value, path);
	return found;
}

/** Optional free text: an empty form field means "none", stored as null. */
export const optionalText = (max: number) =>
	z
		.string({ error: 'must be text' })
		.trim()
		.refine((v) => !hasNul(v), NUL_MESSAGE)
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
			.refine((v) => !hasNul(v), `each outcome ${NUL_MESSAGE}`)
			.min(1, 'each outcome must not be empty')
			.max(1000, 'each outcome must be at most 1000 characters'),
		{ error: 'must be a list of outcomes' }
	)
	.max(20, 'must be at most 20 outcomes');
