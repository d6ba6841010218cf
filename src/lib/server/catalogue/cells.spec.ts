import { describe, expect, it } from 'vitest';
import { catalogueToday, financialYearStart, isoDate } from './cells';

describe('financialYearStart', () => {
	it('reads the year from NDIA-style file names', () => {
		expect(financialYearStart('data/ndis/support-catalogue-2023-24-v1.2.csv')).toBe('2023-07-01');
		expect(financialYearStart('Catalogue 2024-2025.csv')).toBe('2024-07-01');
		expect(financialYearStart('catalogue-2023-25.csv')).toBeNull();
		expect(financialYearStart('catalogue-20230701.csv')).toBeNull();
	});
});

describe('isoDate', () => {
	it('accepts both NDIA date forms and refuses dates that do not exist', () => {
		expect(isoDate('20240229')).toBe('2024-02-29');
		expect(isoDate('2024-07-01')).toBe('2024-07-01');
		expect(isoDate('20230229')).toBeNull();
		expect(isoDate('2024-7-1')).toBeNull();
	});
});

describe('catalogueToday', () => {
	it('turns the day over at midnight in Sydney, not UTC', () => {
		// 30 June 14:00 UTC is already 1 July, the day new prices start, in Sydney (UTC+10).
		expect(catalogueToday(new Date('2026-06-30T14:00:00Z'))).toBe('2026-07-01');
		expect(catalogueToday(new Date('2026-06-30T13:59:59Z'))).toBe('2026-06-30');
	});
});
