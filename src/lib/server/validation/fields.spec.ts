/**
 * The shared field rules: dates and instants are real calendar days (not 30 February read as
 * 2 March), and a NUL character is found wherever it hides in a body, named by its path.
 */
import { describe, expect, it } from 'vitest';
import { isoDate, isRealInstant, NUL_MESSAGE, nulFields, optionalText } from './fields';

describe('dates', () => {
	it('are real calendar dates', () => {
		expect(isoDate.safeParse('2028-02-29').success).toBe(true);
		for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-04-31', '2026-00-10']) {
			expect(isoDate.safeParse(bad).error?.issues[0]?.message, bad).toBe(
				'is not a real calendar date'
			);
		}
		expect(isRealInstant('2026-02-28T09:00:00+11:00')).toBe(true);
		expect(isRealInstant('2026-02-30T09:00:00+11:00')).toBe(false);
		expect(isRealInstant('2026-02-28T25:00:00Z')).toBe(false);
	});
});

describe('NUL characters', () => {
	it('are found in nested strings and keys, named by their path', () => {
		expect(nulFields({ name: 'ok', notes: 'a\u0000b', outcomes: ['fine', 'x\u0000'] })).toEqual({
			notes: NUL_MESSAGE,
			'outcomes.1': NUL_MESSAGE
		});
		expect(nulFields({ 'bad\u0000key': 1 })).toEqual({ body: NUL_MESSAGE });
		expect(nulFields('\u0000')).toEqual({ body: NUL_MESSAGE });
		expect(nulFields({ name: 'Ann', count: 3, nested: { ok: true } })).toEqual({});
	});

	it('are refused by the shared text field', () => {
		expect(optionalText(100).safeParse('a\u0000').error?.issues[0]?.message).toBe(NUL_MESSAGE);
		expect(optionalText(100).parse('  note ')).toBe('note');
	});
});
