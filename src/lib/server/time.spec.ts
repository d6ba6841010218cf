import { describe, expect, it } from 'vitest';
import { addDays, localDate, offsetMinutes, startOfLocalDay } from './time';

describe('provider time zone', () => {
	it('knows Sydney is UTC+10 in winter and UTC+11 in summer', () => {
		expect(offsetMinutes(new Date('2026-07-01T00:00:00Z'))).toBe(600);
		expect(offsetMinutes(new Date('2026-12-01T00:00:00Z'))).toBe(660);
	});

	it('finds when a local day starts, across daylight saving', () => {
		expect(startOfLocalDay('2026-07-01').toISOString()).toBe('2026-06-30T14:00:00.000Z');
		expect(startOfLocalDay('2026-12-01').toISOString()).toBe('2026-11-30T13:00:00.000Z');
		// Daylight saving starts at 2 am on 4 October 2026; midnight is still AEST.
		expect(startOfLocalDay('2026-10-04').toISOString()).toBe('2026-10-03T14:00:00.000Z');
		expect(startOfLocalDay('2026-10-05').toISOString()).toBe('2026-10-04T13:00:00.000Z');
	});

	it('gives the local date of an instant, which is often not the UTC date', () => {
		expect(localDate(new Date('2026-11-24T14:30:00Z'))).toBe('2026-11-25');
		expect(localDate(new Date('2026-11-24T12:30:00Z'))).toBe('2026-11-24');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
	});
});
