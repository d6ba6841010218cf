/**
 * Reads an NDIA Support Catalogue CSV into validated rows. Pure: no database, no file system.
 * The header decides the layout (layout.ts) and each cell has its reader (cells.ts); here a row
 * that cannot be read becomes an error with its CSV line number instead of failing the file.
 */
import { basename } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import {
	catalogueToday,
	category,
	categoryNumber,
	code,
	endDate,
	price,
	quote,
	registrationGroup,
	startDate,
	text,
	unit
} from './cells';
import { plan, type Plan } from './layout';
import {
	CatalogueFormatError,
	type CatalogueRow,
	type ParseOptions,
	type ParsedCatalogue,
	type RowError
} from './types';

// The public face of the parser stays here, so callers need not know how it is split up.
export { catalogueToday, financialYearStart } from './cells';
export {
	CatalogueFormatError,
	CatalogueOptionError,
	DEFAULT_STATE,
	STATES,
	type CatalogueLayout,
	type CatalogueRow,
	type Category,
	type ItemStatus,
	type ParseOptions,
	type ParsedCatalogue,
	type RowError,
	type State,
	type UnitType
} from './types';

function rowSchema(p: Plan, legacy: boolean, today: string) {
	return z
		.object({
			code,
			description: text('Support Item Name', 10_000).refine((v) => v !== null, {
				message: 'Support Item Name is empty'
			}),
			supportCategoryNumber: categoryNumber,
			supportCategoryName: text('Support Category Name', 255),
			registrationGroupNumber: registrationGroup,
			registrationGroupName: text('Registration Group Name', 255),
			unitType: unit,
			quote,
			price: price(p.priceColumn),
			remotePrice: price('Remote'),
			veryRemotePrice: price('Very Remote'),
			effectiveDate: p.fixedEffectiveDate ? z.string() : startDate,
			endDate
		})
		.refine((r) => r.endDate === null || r.endDate >= r.effectiveDate, {
			message: 'End Date is before Start date'
		})
		.transform((r): Omit<CatalogueRow, 'line'> => ({
			code: r.code,
			description: r.description ?? '',
			category: category(r.supportCategoryNumber),
			supportCategoryNumber: r.supportCategoryNumber,
			supportCategoryName: r.supportCategoryName,
			registrationGroupNumber: r.registrationGroupNumber,
			registrationGroupName: r.registrationGroupName,
			unitType: r.unitType,
			price: r.price ?? '0.00',
			remotePrice: r.remotePrice,
			veryRemotePrice: r.veryRemotePrice,
			// No price limit means the item is priced by quote.
			quoteRequired: r.quote || r.price === null,
			effectiveDate: p.fixedEffectiveDate ?? r.effectiveDate,
			endDate: r.endDate,
			status: legacy
				? 'deprecated'
				: r.endDate === null || r.endDate >= today
					? 'active'
					: 'inactive'
		}));
}

interface CsvRecord {
	record: string[];
	info: { lines: number };
}

function readCsv(input: string | Uint8Array): CsvRecord[] {
	const head =
		typeof input === 'string' ? input.slice(0, 2) : String.fromCharCode(...input.slice(0, 2));
	if (head === 'PK') {
		throw new CatalogueFormatError(
			'This looks like an Excel workbook, not a CSV. Save the "Current Support Items" sheet as CSV and import that.'
		);
	}
	try {
		return parseCsv(input, {
			bom: true,
			info: true,
			relax_column_count: true,
			skip_empty_lines: true,
			skip_records_with_empty_values: true
		}) as unknown as CsvRecord[];
	} catch (err) {
		const message = err instanceof Error ? err.message : String(err);
		throw new CatalogueFormatError(`This file is not readable CSV: ${message}`);
	}
}

export function parseCatalogue(
	input: string | Uint8Array,
	options: ParseOptions = {}
): ParsedCatalogue {
	const records = readCsv(input);
	const [header, ...body] = records;
	if (!header) throw new CatalogueFormatError('This file is empty.');
	const p = plan(header.record, options);
	const legacy = options.legacy || /legacy/i.test(basename(options.fileName ?? ''));
	const schema = rowSchema(p, legacy, options.today ?? catalogueToday());
	const at = (fields: string[], column: number | undefined) =>
		column === undefined ? '' : (fields[column] ?? '');

	const rows: CatalogueRow[] = [];
	const errors: RowError[] = [];
	const seen = new Map<string, number>();
	for (const { record, info } of body) {
		// info.lines is where the record ends; a quoted cell may have spanned several lines.
		const newlines = record.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
		const line = info.lines - newlines;
		// A spreadsheet may pad rows with empty trailing cells; anything else is a misaligned row.
		if (record.length < p.headerLength || record.slice(p.headerLength).some((f) => f.trim())) {
			errors.push({
				line,
				reason: `has ${record.length} fields, the header has ${p.headerLength}`
			});
			continue;
		}
		const c = p.columns;
		const result = schema.safeParse({
			code: at(record, c.code),
			description: at(record, c.description),
			supportCategoryNumber: at(record, c.supportCategoryNumber),
			supportCategoryName: at(record, c.supportCategoryName),
			registrationGroupNumber: at(record, c.registrationGroupNumber),
			registrationGroupName: at(record, c.registrationGroupName),
			unitType: at(record, c.unit),
			quote: at(record, c.quote),
			price: at(record, c.price),
			remotePrice: at(record, c.remote),
			veryRemotePrice: at(record, c.veryRemote),
			effectiveDate: p.fixedEffectiveDate ?? at(record, c.startDate),
			endDate: at(record, c.endDate)
		});
		if (!result.success) {
			errors.push({ line, reason: result.error.issues.map((i) => i.message).join('; ') });
			continue;
		}
		const key = `${result.data.code}@${result.data.effectiveDate}`;
		const earlier = seen.get(key);
		if (earlier !== undefined) {
			errors.push({
				line,
				reason: `Support Item Number '${result.data.code}' starting ${result.data.effectiveDate} is already on line ${earlier}`
			});
			continue;
		}
		seen.set(key, line);
		rows.push({ line, ...result.data });
	}
	return { layout: p.layout, priceColumn: p.priceColumn, rowsRead: body.length, rows, errors };
}
