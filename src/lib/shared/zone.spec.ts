import { describe, expect, it } from 'vitest';
import { addDaysToWall, fromWallClock, offsetText, wallClock, zoneOffsetMinutes } from './zone';

const SYDNEY = 'Australia/Sydney';

describe('wall-clock times in the provider zone', () => {
	it('shows an instant as Sydney sees it, in winter and in summer', () => {
		expect(wallClock(new Date('2026-07-06T23:00:00Z'), SYDNEY)).toBe('2026-07-07T09:00:00');
		expect(wallClock('2026-12-01T22:00:00Z', SYDNEY)).toBe('2026-12-02T09:00:00');
	});

	it('turns a wall-clock time back into the instant, either side of daylight saving', () => {
		expect(fromWallClock('2026-07-07T09:00', SYDNEY).toISOString()).toBe(
			'2026-07-06T23:00:00.000Z'
		);
		expect(fromWallClock('2026-12-02T09:00:00', SYDNEY).toISOString()).toBe(
			'2026-12-01T22:00:00.000Z'
		);
		// 2026-10-04 02:30 does not exist in Sydney (clocks jump 02:00 → 03:00).
		expect(wallClock(fromWallClock('2026-10-04T02:30', SYDNEY), SYDNEY)).toBe(
			'2026-10-04T03:30:00'
		);
	});

	it('keeps 09:00 at 09:00 a week later across a daylight-saving change', () => {
		const first = '2026-09-29T09:00:00';
		const later = addDaysToWall(first, 7);
		expect(later).toBe('2026-10-06T09:00:00');
		const gap = fromWallClock(later, SYDNEY).getTime() - fromWallClock(first, SYDNEY).getTime();
		expect(gap).toBe(7 * 24 * 3600_000 - 3600_000);
	});

	it('writes offsets as ±HH:MM', () => {
		expect(zoneOffsetMinutes(new Date('2026-07-01T00:00:00Z'), SYDNEY)).toBe(600);
		expect(zoneOffsetMinutes(new Date('2026-12-01T00:00:00Z'), SYDNEY)).toBe(660);
		expect(offsetText(660)).toBe('+11:00');
		expect(offsetText(-330)).toBe('-05:30');
	});
});
