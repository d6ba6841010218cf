import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	CatalogueFormatError,
	CatalogueOptionError,
	parseCatalogue,
	type ParseOptions
} from './parse';

const TODAY = '2026-11-25';
const NATIONAL_HEADER =
	'Support Item Number,Support Item Name,Registration Group Number,Registration Group Name,Support Category Number,Support Category Number (PACE),Support Category Name,Support Category Name (PACE),Unit,Quote,Start date,End Date,National,Remote,Very Remote,Type';
const STATE_HEADER =
	'Support Item Number,Support Item Name,Registration Group Number,Registration Group Name,Support Category Number,Support Category Name,Unit,ACT,NSW,NT,QLD,SA,TAS,VIC,WA,Remote,Very Remote';

function national(...rows: string[]) {
	return [NATIONAL_HEADER, ...rows].join('\n') + '\n';
}
function nationalRow(
	code: string,
	over: Partial<Record<'unit' | 'quote' | 'price' | 'end' | 'cat' | 'name', string>> = {}
) {
	const o = {
		unit: 'H',
		quote: 'No',
		price: '82.57',
		end: '99991231',
		cat: '1',
		name: 'Self-Care',
		...over
	};
	return `${code},${o.name},0107,Daily Personal Activities,${o.cat},${o.cat},Daily Life,Daily Life,${o.unit},${o.quote},20260701,${o.end},${o.price},115.60,123.86,Priced Supports`;
}
const parse = (text: string, options: ParseOptions = {}) =>
	parseCatalogue(text, { today: TODAY, ...options });

describe('parseCatalogue: the 2026-27 National layout', () => {
	it('maps a row to an item code with decimal-string prices', () => {
		const result = parse(national(nationalRow('01_011_0107_1_1')));
		expect(result.layout).toBe('national');
		expect(result.errors).toEqual([]);
		expect(result.rows).toEqual([
			{
				line: 2,
				code: '01_011_0107_1_1',
				description: 'Self-Care',
				category: 'Core',
				supportCategoryNumber: 1,
				supportCategoryName: 'Daily Life',
				registrationGroupNumber: '0107',
				registrationGroupName: 'Daily Personal Activities',
				unitType: 'Hour',
				price: '82.57',
				remotePrice: '115.60',
				veryRemotePrice: '123.86',
				quoteRequired: false,
				effectiveDate: '2026-07-01',
				endDate: null,
				status: 'active'
			}
		]);
	});

	it('treats an empty price as quote-required at 0.00, and Quote = Yes as quote-required', () => {
		const { rows } = parse(
			national(nationalRow('A_1', { price: '' }), nationalRow('A_2', { quote: 'Yes' }))
		);
		expect(rows.map((r) => [r.code, r.price, r.quoteRequired])).toEqual([
			['A_1', '0.00', true],
			['A_2', '82.57', true]
		]);
	});

	it('imports the literal item number Bereavement with a monthly unit', () => {
		const { rows, errors } = parse(
			national(nationalRow('Bereavement', { unit: 'MON', cat: '14' }))
		);
		expect(errors).toEqual([]);
		expect(rows[0]).toMatchObject({
			code: 'Bereavement',
			unitType: 'Month',
			category: 'Capacity Building'
		});
	});

	it('maps every unit and category boundary', () => {
		const units = ['H', 'E', 'D', 'WK', 'MON', 'YR'];
		const { rows } = parse(national(...units.map((u, i) => nationalRow(`U_${i}`, { unit: u }))));
		expect(rows.map((r) => r.unitType)).toEqual(['Hour', 'Each', 'Day', 'Week', 'Month', 'Year']);
		const cats = ['4', '5', '6', '7', '15'];
		const byCat = parse(national(...cats.map((c, i) => nationalRow(`C_${i}`, { cat: c }))));
		expect(byCat.rows.map((r) => r.category)).toEqual([
			'Core',
			'Capital',
			'Capital',
			'Capacity Building',
			'Capacity Building'
		]);
	});

	it('normalises non-breaking and repeated spaces in names', () => {
		const { rows } = parse(
			national(nationalRow('N_1', { name: '" Skill\u00a0Development  Training "' }))
		);
		expect(rows[0]?.description).toBe('Skill Development Training');
	});

	it('sets status from the end date, and deprecated for legacy sheets', () => {
		const text = national(
			nationalRow('E_1', { end: '20261124' }),
			nationalRow('E_2', { end: '20261125' }),
			nationalRow('E_3')
		);
		expect(parse(text).rows.map((r) => [r.endDate, r.status])).toEqual([
			['2026-11-24', 'inactive'],
			['2026-11-25', 'active'],
			[null, 'active']
		]);
		const legacy = parse(text, { fileName: 'data/support-catalogue-2026-27-v1.0-legacy.csv' });
		expect(legacy.rows.map((r) => r.status)).toEqual(['deprecated', 'deprecated', 'deprecated']);
		expect(parse(text, { legacy: true }).rows[2]?.status).toBe('deprecated');
	});

	it('rejects --state, which this layout has no column for', () => {
		expect(() => parse(national(nationalRow('A_1')), { state: 'NSW' })).toThrow(
			CatalogueOptionError
		);
	});
});

describe('parseCatalogue: row errors', () => {
	it('reports bad rows with their CSV line and reason, and keeps the good rows', () => {
		const text = [
			NATIONAL_HEADER,
			nationalRow('OK_1'),
			'',
			nationalRow('BAD_UNIT', { unit: 'XX' }),
			nationalRow('BAD_PRICE', { price: '12.3.4' }),
			nationalRow('BAD_BOTH', { price: '1234567.00', cat: '16' }),
			nationalRow('OK_2', { name: '"Two\nLines"' }),
			nationalRow('OK_1'),
			'short,row'
		].join('\n');
		const result = parse(text);
		expect(result.rows.map((r) => [r.code, r.line])).toEqual([
			['OK_1', 2],
			['OK_2', 7]
		]);
		expect(result.errors).toEqual([
			{ line: 4, reason: "Unit 'XX' is not one of H, E, D, WK, MON, YR" },
			{
				line: 5,
				reason:
					"National price '12.3.4' is not an amount like 82.57 (at most 6 digits before the point and 2 after)"
			},
			{
				line: 6,
				reason:
					"Support Category Number '16' is not a number from 1 to 15; National price '1234567.00' is not an amount like 82.57 (at most 6 digits before the point and 2 after)"
			},
			{ line: 9, reason: "Support Item Number 'OK_1' starting 2026-07-01 is already on line 2" },
			{ line: 10, reason: 'has 2 fields, the header has 16' }
		]);
		expect(result.rowsRead).toBe(7);
	});

	it('reports an empty item number, a bad date and an end before the start', () => {
		const text = national(
			nationalRow(''),
			nationalRow('D_1', { end: '20261399' }),
			nationalRow('D_2', { end: '20250101' })
		);
		expect(parse(text).errors).toEqual([
			{ line: 2, reason: 'Support Item Number is empty' },
			{ line: 3, reason: "End Date '20261399' is not a date (expected YYYYMMDD or YYYY-MM-DD)" },
			{ line: 4, reason: 'End Date is before Start date' }
		]);
	});

	it('normalises prices to two decimals without going through a float', () => {
		const { rows } = parse(
			national(nationalRow('P_1', { price: '82.5' }), nationalRow('P_2', { price: '999999.99' }))
		);
		expect(rows.map((r) => r.price)).toEqual(['82.50', '999999.99']);
	});
});

describe('parseCatalogue: per-state layouts', () => {
	const stateFile = [
		STATE_HEADER,
		'01_700_0118_1_3,Psychology,0118,Therapeutic Supports,1,Daily Life,H,214.41,214.41,234.83,214.41,234.83,234.83,214.41,234.83,300.18,321.62'
	].join('\n');

	it('uses NSW by default and the --state column when given', () => {
		const nsw = parse(stateFile, { fileName: 'support-catalogue-2023-24-v1.2.csv' });
		expect(nsw).toMatchObject({ layout: 'per-state', priceColumn: 'NSW', errors: [] });
		expect(nsw.rows[0]).toMatchObject({
			price: '214.41',
			remotePrice: '300.18',
			effectiveDate: '2023-07-01'
		});
		const wa = parse(stateFile, { fileName: 'x-2023-24.csv', state: 'wa' });
		expect(wa.rows[0]?.price).toBe('234.83');
	});

	it('rejects an unknown state or one the file has no column for', () => {
		expect(() => parse(stateFile, { fileName: 'a-2023-24.csv', state: 'XX' })).toThrow(
			/XX is not one of ACT, NSW/
		);
		const noVic = stateFile.replace(',VIC,', ',VICTORIA,');
		expect(() => parse(noVic, { fileName: 'a-2023-24.csv', state: 'VIC' })).toThrow(
			/no VIC column/
		);
	});

	it('takes the effective date from --effective-date, else the file name, else asks for it', () => {
		expect(parse(stateFile, { effectiveDate: '2024-01-15' }).rows[0]?.effectiveDate).toBe(
			'2024-01-15'
		);
		expect(() => parse(stateFile, { fileName: 'catalogue.csv' })).toThrow(/--effective-date/);
		expect(() => parse(stateFile, { effectiveDate: '2024-02-30' })).toThrow(CatalogueOptionError);
		expect(() => parse(national(nationalRow('A_1')), { effectiveDate: '2024-01-01' })).toThrow(
			/only for files without a Start date/
		);
	});

	it('reads the 2022-23 layout with P01/P02 and dates', () => {
		const text = [
			'Support Item Number,Support Item Name,Registration Group Number,Registration Group Name,Support Category Number,Support Category Name,Unit,Quote,Start date,End Date,ACT,NSW,NT,QLD,SA,TAS,VIC,WA,P01,P02',
			'01_002_0107_1_1,Night,107,Daily,1,Daily Life,H,No,20220927,99991231,69.77,69.77,69.77,69.77,69.77,69.77,69.77,69.77,97.68,104.66'
		].join('\n');
		const { layout, rows } = parse(text);
		expect(layout).toBe('per-state-dated');
		expect(rows[0]).toMatchObject({
			effectiveDate: '2022-09-27',
			registrationGroupNumber: '0107',
			remotePrice: '97.68',
			veryRemotePrice: '104.66'
		});
	});

	it('reads the derived layout with ISO dates and an empty open end date', () => {
		const text = [
			'Support Item Number,Support Item Name,Registration Group Number,Support Category Number,Support Category Name,Unit,Start date,End Date,National,State Min,State Max,Remote,Very Remote',
			'01_002_0107_1_1,Night,0107,1,Daily Life,H,2024-07-01,,75.82,,,106.15,113.73',
			'01_003_0107_1_1,Old,0107,1,Daily Life,H,2024-07-01,2025-06-30,,,,,'
		].join('\n');
		const { layout, rows } = parse(text);
		expect(layout).toBe('national-derived');
		expect(
			rows.map((r) => [r.effectiveDate, r.endDate, r.status, r.price, r.quoteRequired])
		).toEqual([
			['2024-07-01', null, 'active', '75.82', false],
			['2024-07-01', '2025-06-30', 'inactive', '0.00', true]
		]);
		expect(rows[0]?.registrationGroupName).toBeNull();
	});
});

describe('parseCatalogue: files that are not a catalogue', () => {
	it('names the missing columns', () => {
		expect(() => parse('name,email\nAda,ada@example.com\n')).toThrow(CatalogueFormatError);
		expect(() => parse('name,email\n')).toThrow(/'support item number'/);
	});

	it('recognises a workbook, an empty file and broken quoting', () => {
		expect(() => parseCatalogue(Buffer.from('PK\u0003\u0004junk'))).toThrow(/Excel workbook/);
		expect(() => parse('')).toThrow(/empty/);
		expect(() => parse(`${NATIONAL_HEADER}\n"unterminated,row\n`)).toThrow(/not readable CSV/);
	});
});

describe('parseCatalogue: the real NDIA files', () => {
	it('reads every row of the 2026-27 catalogue', () => {
		const file = 'data/ndis/support-catalogue-2026-27-v1.0.csv';
		const result = parseCatalogue(readFileSync(file), { fileName: file, today: TODAY });
		expect(result).toMatchObject({ layout: 'national', rowsRead: 975, errors: [] });
		expect(result.rows).toHaveLength(975);
		expect(result.rows.filter((r) => r.quoteRequired)).toHaveLength(204);
		expect(result.rows.find((r) => r.code === 'Bereavement')).toMatchObject({
			price: '104.45',
			unitType: 'Month'
		});
	});

	it('reads the 2023-24 per-state catalogue for NSW and WA', () => {
		const file = 'data/ndis/support-catalogue-2023-24-v1.2.csv';
		const nsw = parseCatalogue(readFileSync(file), { fileName: file, today: TODAY });
		expect(nsw).toMatchObject({ layout: 'per-state', rowsRead: 634, errors: [] });
		const byCode = new Map(nsw.rows.map((r) => [r.code, r]));
		expect(byCode.get('01_011_0107_1_1')).toMatchObject({
			price: '65.47',
			remotePrice: '91.66',
			veryRemotePrice: '98.21',
			effectiveDate: '2023-07-01'
		});
		expect(byCode.get('01_700_0118_1_3')?.price).toBe('214.41');
		const wa = parseCatalogue(readFileSync(file), { fileName: file, state: 'WA', today: TODAY });
		expect(wa.rows.find((r) => r.code === '01_700_0118_1_3')?.price).toBe('234.83');
	});
});
