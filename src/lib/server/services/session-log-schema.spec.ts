import { describe, expect, it } from 'vitest';
import { formatDay, overlapMessage } from './session-log-schema';

describe('a clash in the worker’s words', () => {
	it('writes dates the Australian way, with the year only when it differs', () => {
		expect(formatDay('2026-12-08', '2026-12-09')).toBe('8 Dec');
		expect(formatDay('2026-12-31', '2027-01-01')).toBe('31 Dec 2026');
		expect(formatDay('2026-07-01')).toBe('1 Jul 2026');
	});

	it('names the times, the participant and the day, and an overnight end', () => {
		const other = {
			sessionDate: '2026-12-08',
			startTime: '09:00:00',
			endTime: '11:00:00',
			participantName: 'Kai White'
		};
		expect(overlapMessage(other, 'your', '2026-12-08')).toBe(
			'Overlaps your 09:00–11:00 session with Kai White on 8 Dec'
		);
		expect(
			overlapMessage(
				{ ...other, startTime: '22:00', endTime: '07:00' },
				'Sam Sessions’s',
				'2026-12-09'
			)
		).toBe(
			'Overlaps Sam Sessions’s 22:00–07:00 session with Kai White on 8 Dec (ending the next day)'
		);
	});
});
