import { describe, expect, it } from 'vitest';
import { fromCents, lineAmountCents, toCents } from './money';

describe('money in cents', () => {
	it('reads and writes decimal amounts exactly', () => {
		expect(toCents('73.58')).toBe(7358);
		expect(toCents('100.1')).toBe(10010);
		expect(toCents('15')).toBe(1500);
		expect(fromCents(7358)).toBe('73.58');
		expect(fromCents(5)).toBe('0.05');
		expect(() => toCents('1e3')).toThrow();
	});

	it('rounds a line amount half up to the cent, like PostgreSQL round()', () => {
		// 1.25 h × $100.14 = $125.175 → $125.18; 2.5 h × $73.58 = $183.95 exactly.
		expect(lineAmountCents(125, 10014)).toBe(12518);
		expect(lineAmountCents(250, 7358)).toBe(18395);
	});
});
