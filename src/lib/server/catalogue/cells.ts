/**
 * Readers for single catalogue cells: money, dates, units, categories and names. Each turns the
 * raw text into the stored value, or fails with a message that names the column and the value,
 * so the user can find and fix the cell.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import type { Category, UnitType } from './types';

/** Prices change at midnight on 1 July in Australia, not in the server's time zone. */
export function catalogueToday(now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney' }).format(now);
}

/** 'YYYYMMDD' or 'YYYY-MM-DD' → 'YYYY-MM-DD'; null for text that is not a real calendar date. */
export function isoDate(raw: string): string | null {
	const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(raw);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	const ok =
		date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
	return ok ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** 'support-catalogue-2023-24-v1.2.csv' → '2023-07-01': the NDIA year starts on 1 July. */
export function financialYearStart(fileName: string): string | null {
	const m = /(?<!\d)(20\d{2})[-_ ]?(?:20)?(\d{2})(?!\d)/.exec(basename(fileName));
	if (!m) return null;
	const start = Number(m[1]);
	return (start + 1) % 100 === Number(m[2]) ? `${start}-07-01` : null;
}

/** A cell read by `read`, which returns undefined when the text is unusable. */
function cell<T>(read: (value: string) => T | undefined, message: (raw: string) => string) {
	return z.string().transform((raw, ctx) => {
		const value = read(raw.trim());
		if (value !== undefined) return value;
		ctx.addIssue({ code: 'custom', message: message(raw) });
		return z.NEVER;
	});
}

const DECIMAL_8_2 = /^(\d{1,6})(?:\.(\d{1,2}))?$/;

/** Empty → null (no price limit); otherwise a DECIMAL(8,2) string with exactly 2 decimals. */
export const price = (label: string) =>
	cell(
		(value) => {
			if (value === '') return null;
			const m = DECIMAL_8_2.exec(value.replace(/^\$/, '').replace(/,(?=\d{3}(?:\D|$))/g, ''));
			if (!m) return undefined;
			return `${(m[1] ?? '0').replace(/^0+(?=\d)/, '')}.${(m[2] ?? '').padEnd(2, '0')}`;
		},
		(raw) =>
			`${label} price '${raw}' is not an amount like 82.57 (at most 6 digits before the point and 2 after)`
	);

export const text = (label: string, max: number) =>
	cell(
		(value) => {
			const clean = value
				.replace(/\u00a0/g, ' ')
				.replace(/\s+/g, ' ')
				.trim();
			return clean.length > max ? undefined : clean || null;
		},
		() => `${label} is longer than ${max} characters`
	);

const badDate = (label: string) => (raw: string) =>
	`${label} '${raw}' is not a date (expected YYYYMMDD or YYYY-MM-DD)`;
export const startDate = cell((v) => isoDate(v) ?? undefined, badDate('Start date'));
const OPEN_END = ['', '99991231', '9999-12-31'];
export const endDate = cell(
	(v) => (OPEN_END.includes(v) ? null : (isoDate(v) ?? undefined)),
	badDate('End Date')
);

export const code = z
	.string()
	.trim()
	.min(1, 'Support Item Number is empty')
	.max(50, 'Support Item Number is longer than 50 characters')
	.regex(/^[A-Za-z0-9_-]*$/, 'Support Item Number may only contain letters, digits, _ and -');

// A Map, not an object literal: a cell reading 'constructor' must not find a prototype member.
const UNITS = new Map<string, UnitType>([
	['H', 'Hour'],
	['E', 'Each'],
	['D', 'Day'],
	['WK', 'Week'],
	['MON', 'Month'],
	['YR', 'Year']
]);
export const unit = cell(
	(v) => UNITS.get(v.toUpperCase()),
	(raw) => `Unit '${raw}' is not one of H, E, D, WK, MON, YR`
);

export const categoryNumber = cell(
	(v) => (/^\d{1,2}$/.test(v) && +v >= 1 && +v <= 15 ? +v : undefined),
	(raw) => `Support Category Number '${raw}' is not a number from 1 to 15`
);

const QUOTE = new Map([
	['yes', true],
	['y', true],
	['no', false],
	['n', false],
	['', false]
]);
export const quote = cell(
	(v) => QUOTE.get(v.toLowerCase()),
	(raw) => `Quote '${raw}' is not Yes or No`
);

// Registration groups are 4-digit numbers; a spreadsheet round trip drops the leading zero.
export const registrationGroup = text('Registration Group Number', 10).transform((v) =>
	v && /^\d{1,3}$/.test(v) ? v.padStart(4, '0') : v
);

/** Support categories 1–4 are Core, 5–6 Capital, 7–15 Capacity Building. */
export function category(n: number): Category {
	return n <= 4 ? 'Core' : n <= 6 ? 'Capital' : 'Capacity Building';
}
