import { describe, expect, it } from 'vitest';
import { addDays, sydneyInstant, sydneyToday, weekday } from './dates';

describe('Sydney dates', () => {
	it('takes today from the Sydney calendar, not the machine’s', () => {
		// 20:00 UTC on 1 March is already 2 March in Sydney (AEDT, +11).
		expect(sydneyToday(new Date('2026-03-01T20:00:00Z'))).toBe('2026-03-02');
		expect(sydneyToday(new Date('2026-07-01T13:59:00Z'))).toBe('2026-07-01');
	});

	it('gives wall-clock times the offset in force on that day', () => {
		expect(sydneyInstant('2026-01-15', 9 * 60)).toBe('2026-01-15T09:00:00+11:00');
		expect(sydneyInstant('2026-07-15', 9 * 60)).toBe('2026-07-15T09:00:00+10:00');
	});

	it('ends a 22:00 overnight shift at 07:00 next morning, across the end of daylight saving', () => {
		const start = sydneyInstant('2026-04-04', 22 * 60);
		const end = sydneyInstant('2026-04-04', 22 * 60 + 9 * 60);
		expect(start).toBe('2026-04-04T22:00:00+11:00');
		expect(end).toBe('2026-04-05T07:00:00+10:00');
		// Clocks went back an hour that night: the shift really lasted ten hours.
		expect((Date.parse(end) - Date.parse(start)) / 3_600_000).toBe(10);
	});

	it('adds days across month and leap-year ends', () => {
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(weekday('2026-11-23')).toBe(0);
	});
});
