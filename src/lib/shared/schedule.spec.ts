import { describe, expect, it } from 'vitest';
import { describeSchedule } from './schedule';

describe('describeSchedule', () => {
	it('reads the job schedules the way an administrator would say them', () => {
		expect(describeSchedule('0 2 * * *', null)).toBe('Daily at 02:00');
		expect(describeSchedule('5 0 * * *', null)).toBe('Daily at 00:05');
		expect(describeSchedule('0 4 * * 0', null)).toBe('Weekly on Sunday at 04:00');
		expect(describeSchedule('0 5 1 * *', null)).toBe('Monthly on the 1st at 05:00');
		expect(describeSchedule('0 7 1 1,4,7,10 *', null)).toBe(
			'Quarterly on the 1st of Jan, Apr, Jul, Oct at 07:00'
		);
		expect(describeSchedule(null, 60_000)).toBe('Every minute');
		expect(describeSchedule(null, 300_000)).toBe('Every 5 minutes');
		expect(describeSchedule(null, null)).toBe('On demand');
		expect(describeSchedule('*/5 * * * *', null)).toBe('*/5 * * * *');
	});
});
