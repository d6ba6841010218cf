/**
 * Reads a catalogue's header into a plan: which layout the file has, which column holds each
 * field and which one the price comes from, and where the effective date comes from. The NDIA
 * changes the sheet between years (8 state columns until 2025-26, one National price from
 * 2026-27, dates present or stripped), so nothing is assumed about column positions.
 */
import { financialYearStart, isoDate } from './cells';
import {
	CatalogueFormatError,
	CatalogueOptionError,
	DEFAULT_STATE,
	STATES,
	type CatalogueLayout,
	type ParseOptions
} from './types';

const FIELDS = {
	code: 'support item number',
	description: 'support item name',
	registrationGroupNumber: 'registration group number',
	registrationGroupName: 'registration group name',
	supportCategoryNumber: 'support category number',
	supportCategoryName: 'support category name',
	unit: 'unit',
	quote: 'quote',
	startDate: 'start date',
	endDate: 'end date'
} as const;
const REQUIRED = ['code', 'description', 'supportCategoryNumber', 'unit'] as const;

/** Column index of each field; absent when the file has no such column. */
export type Columns = Partial<
	Record<keyof typeof FIELDS | 'price' | 'remote' | 'veryRemote', number>
>;

export interface Plan {
	layout: CatalogueLayout;
	priceColumn: string;
	columns: Columns;
	headerLength: number;
	/** The date every row takes effect, for files without a Start date column. */
	fixedEffectiveDate: string | null;
}

function normaliseHeader(name: string): string {
	return name.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '');
}

export function plan(header: string[], options: ParseOptions): Plan {
	const index = new Map(header.map((name, i) => [normaliseHeader(name), i]));
	const find = (...names: string[]) =>
		names.map((n) => index.get(n)).find((i): i is number => i !== undefined);
	const columns: Columns = {};
	for (const [field, name] of Object.entries(FIELDS)) {
		columns[field as keyof typeof FIELDS] = find(name);
	}
	columns.remote = find('remote', 'p01');
	columns.veryRemote = find('very remote', 'p02');

	const missing: string[] = REQUIRED.filter((f) => columns[f] === undefined).map((f) => FIELDS[f]);
	const national = find('national');
	const states = STATES.filter((s) => index.has(s.toLowerCase()));
	if (missing.length > 0 || (national === undefined && states.length === 0)) {
		if (national === undefined && states.length === 0) missing.push('national (or ACT…WA)');
		throw new CatalogueFormatError(
			`This is not an NDIA Support Catalogue CSV: the header has no ${missing.map((m) => `'${m}'`).join(', ')} column. Found: ${header.slice(0, 12).join(', ')}`
		);
	}

	const state = options.state?.trim().toUpperCase();
	let layout: CatalogueLayout;
	let priceColumn: string;
	if (national !== undefined) {
		if (state) {
			throw new CatalogueOptionError(
				`--state ${state}: this file has no per-state prices, only a single National price. Leave out --state.`
			);
		}
		layout = index.has('state min') ? 'national-derived' : 'national';
		priceColumn = 'National';
		columns.price = national;
	} else {
		const chosen = state ?? DEFAULT_STATE;
		if (!(STATES as readonly string[]).includes(chosen)) {
			throw new CatalogueOptionError(`--state ${chosen} is not one of ${STATES.join(', ')}.`);
		}
		columns.price = index.get(chosen.toLowerCase());
		if (columns.price === undefined) {
			throw new CatalogueOptionError(
				`--state ${chosen}: this file has no ${chosen} column (it has ${states.join(', ')}).`
			);
		}
		layout = columns.startDate === undefined ? 'per-state' : 'per-state-dated';
		priceColumn = chosen;
	}
	const fixedEffectiveDate = effectiveDateOf(columns.startDate !== undefined, options);
	return { layout, priceColumn, columns, headerLength: header.length, fixedEffectiveDate };
}

/** Null when rows carry their own Start date; otherwise the date from the options or file name. */
function effectiveDateOf(hasStartDate: boolean, options: ParseOptions): string | null {
	if (hasStartDate) {
		if (options.effectiveDate) {
			throw new CatalogueOptionError(
				'--effective-date is only for files without a Start date column; this file has one.'
			);
		}
		return null;
	}
	if (options.effectiveDate) {
		const date = isoDate(options.effectiveDate.trim());
		if (!date) {
			throw new CatalogueOptionError(
				`--effective-date '${options.effectiveDate}' is not a date like 2023-07-01.`
			);
		}
		return date;
	}
	const date = options.fileName ? financialYearStart(options.fileName) : null;
	if (!date) {
		throw new CatalogueOptionError(
			'This file has no Start date column and its name has no financial year (like 2023-24), so the date its prices take effect is unknown. Pass --effective-date YYYY-MM-DD.'
		);
	}
	return date;
}
