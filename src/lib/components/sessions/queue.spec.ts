import { describe, expect, it } from 'vitest';
import { dateTimeFormatter } from '$lib/shared/format';
import { arrivalText, nextRow } from './queue';

describe('focus after rows leave the approval queue', () => {
	const queue = ['a', 'b', 'c', 'd'];

	it('moves to the row below the one approved', () => {
		expect(nextRow(queue, ['b'], ['a', 'c', 'd'])).toBe('c');
	});

	it('moves below the last of several approved at once, skipping the ones in between', () => {
		expect(nextRow(queue, ['a', 'c'], ['b', 'd'])).toBe('d');
	});

	it('moves up when the last row went', () => {
		expect(nextRow(queue, ['d'], ['a', 'b', 'c'])).toBe('c');
		expect(nextRow(queue, ['c', 'd'], ['a', 'b'])).toBe('b');
	});

	it('skips a row someone else approved meanwhile', () => {
		expect(nextRow(queue, ['b'], ['a', 'd'])).toBe('d');
	});

	it('goes to what is waiting now when every row it knew has gone (the next page)', () => {
		expect(nextRow(['a', 'b'], ['a', 'b'], ['x', 'y'])).toBe('x');
	});

	it('is null when nothing is waiting', () => {
		expect(nextRow(queue, queue, [])).toBeNull();
	});
});

describe('a session arriving in the open queue', () => {
	it('is announced with who, for whom and when, in the person’s time format', () => {
		const s = {
			staffName: 'Kai White',
			participantName: 'Ava Nguyen',
			sessionDate: '2026-12-08',
			startTime: '09:00:00',
			endTime: '11:00:00'
		};
		const h24 = dateTimeFormatter(() => ({ timeZone: 'Australia/Sydney', timeFormat: '24h' }));
		const h12 = dateTimeFormatter(() => ({ timeZone: 'Australia/Sydney', timeFormat: '12h' }));
		expect(arrivalText(s, h24)).toBe(
			'New session from Kai White for Ava Nguyen, 8 Dec 2026 09:00–11:00'
		);
		expect(arrivalText(s, h12)).toBe(
			'New session from Kai White for Ava Nguyen, 8 Dec 2026 9:00 am–11:00 am'
		);
	});
});
