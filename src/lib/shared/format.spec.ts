import { describe, expect, it } from 'vitest';
import {
	dateTimeFormatter,
	formatDate,
	formatInstant,
	formatInstantDate,
	formatInstantTime,
	formatTime,
	formatTimeRange,
	formatWeekdayDate
} from './format';

const SYDNEY = 'Australia/Sydney';

describe('one date and time style', () => {
	it('writes calendar dates the Australian way', () => {
		expect(formatDate('2026-12-08')).toBe('8 Dec 2026');
		expect(formatDate('2026-09-30')).toBe('30 Sep 2026');
		expect(formatDate('2027-01-01T10:00:00')).toBe('1 Jan 2027');
		expect(formatDate(null)).toBe('—');
	});

	it('names the weekday, and the year only when it is not the one in view', () => {
		expect(formatWeekdayDate('2026-11-21')).toBe('Sat 21 Nov 2026');
		expect(formatWeekdayDate('2026-11-21', '2026-03-02')).toBe('Sat 21 Nov');
		expect(formatWeekdayDate('2027-01-04', '2026-12-30')).toBe('Mon 4 Jan 2027');
		expect(formatWeekdayDate('2024-02-29T23:00:00', '2024-01-01')).toBe('Thu 29 Feb');
		expect(formatWeekdayDate(undefined)).toBe('—');
	});

	it('writes times on the clock each person chose', () => {
		expect(formatTime('14:00', '24h')).toBe('14:00');
		expect(formatTime('14:00:00', '12h')).toBe('2:00 pm');
		expect(formatTime('09:05', '24h')).toBe('09:05');
		expect(formatTime('09:05', '12h')).toBe('9:05 am');
		expect(formatTime('00:30', '12h')).toBe('12:30 am');
		expect(formatTime('12:00', '12h')).toBe('12:00 pm');
		expect(formatTimeRange('22:00', '06:00', '12h')).toBe('10:00 pm–6:00 am');
	});

	it('reads instants in the provider zone, in winter and in summer', () => {
		// 04:00 UTC is 14:00 in Sydney in winter (AEST) and 15:00 in summer (AEDT).
		expect(formatInstant('2026-07-08T04:00:00Z', SYDNEY)).toBe('8 Jul 2026, 14:00');
		expect(formatInstant('2026-12-08T03:00:00Z', SYDNEY, '12h')).toBe('8 Dec 2026, 2:00 pm');
		// Late evening UTC is already the next day in Sydney.
		expect(formatInstantDate('2026-12-07T22:00:00Z', SYDNEY)).toBe('8 Dec 2026');
		expect(formatInstantTime('2026-12-07T22:00:00Z', { timeZone: SYDNEY, timeFormat: '12h' })).toBe(
			'9:00 am'
		);
		expect(formatInstant(null, SYDNEY)).toBe('—');
	});

	it('a formatter follows a changed preference without being rebuilt', () => {
		let timeFormat: '24h' | '12h' = '24h';
		const f = dateTimeFormatter(() => ({ timeZone: SYDNEY, timeFormat }));
		expect(f.instant('2026-12-08T03:00:00Z')).toBe('8 Dec 2026, 14:00');
		timeFormat = '12h';
		expect(f.instant('2026-12-08T03:00:00Z')).toBe('8 Dec 2026, 2:00 pm');
		expect(f.time('14:00')).toBe('2:00 pm');
	});
});
