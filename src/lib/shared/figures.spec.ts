import { describe, expect, it } from 'vitest';
import { budgetRisk, budgetVerdict, type BudgetPosition } from './figures';

const RULES = { atRiskPercent: 80, planEndingDays: 90, underspendPercent: 75 };

/** A year-long plan, 1 July 2026 to 30 June 2027, with $10,000; override what a case is about. */
function position(over: Partial<BudgetPosition>): BudgetPosition {
	return {
		today: '2026-12-30',
		planStart: '2026-07-01',
		planEnd: '2027-06-30',
		total: 10_000,
		used: 5_000,
		usedPercent: 50,
		elapsedPercent: 50,
		projectedSpend: 10_000,
		runsOut: null,
		...over
	};
}

describe('budgetRisk', () => {
	it('calls 2.4% spent at 72% of the plan underspent, though the plan ends in 100 days', () => {
		const p = position({
			today: '2027-03-22',
			used: 240,
			usedPercent: 2.4,
			elapsedPercent: 72,
			projectedSpend: 330
		});
		expect(budgetRisk(p, RULES)).toBe('underspending');
		expect(budgetVerdict('underspending', 2.4, 72, 80)).toMatchObject({
			state: 'underspent',
			text: expect.stringContaining('2.4% spent with 72.0% of the plan gone')
		});
	});

	it('judges underspending from halfway, or within the plan-ending days, not before', () => {
		const slow = { used: 500, usedPercent: 5, projectedSpend: 2_000 };
		expect(budgetRisk(position({ ...slow, elapsedPercent: 49.99 }), RULES)).toBe('on_track');
		expect(budgetRisk(position({ ...slow, elapsedPercent: 50 }), RULES)).toBe('underspending');
		// 30 April 2027 to 30 June is 61 days; 1 April is 90 days out.
		const early = { ...slow, elapsedPercent: 20 };
		expect(budgetRisk(position({ ...early, today: '2027-03-31' }), RULES)).toBe('on_track');
		expect(budgetRisk(position({ ...early, today: '2027-04-01' }), RULES)).toBe('underspending');
	});

	it('needs a projection under the underspend share of the budget', () => {
		expect(budgetRisk(position({ projectedSpend: 7_500 }), RULES)).toBe('on_track');
		expect(budgetRisk(position({ projectedSpend: 7_499.99 }), RULES)).toBe('underspending');
		expect(budgetRisk(position({ projectedSpend: null }), RULES)).toBe('on_track');
	});

	it('calls a budget that runs out on or before the plan end too fast', () => {
		expect(budgetRisk(position({ runsOut: '2027-06-30' }), RULES)).toBe('overspending');
		expect(budgetRisk(position({ runsOut: '2027-07-01' }), RULES)).toBe('on_track');
	});

	it('calls the at-risk share of the budget spent before that share of the plan too fast', () => {
		const most = { used: 8_000, usedPercent: 80 };
		expect(budgetRisk(position({ ...most, elapsedPercent: 79.99 }), RULES)).toBe('overspending');
		expect(budgetRisk(position({ ...most, elapsedPercent: 80 }), RULES)).toBe('on_track');
		expect(
			budgetRisk(position({ used: 7_999, usedPercent: 79.99, elapsedPercent: 60 }), RULES)
		).toBe('on_track');
	});

	it('calls a budget used up at the total, and plans without dates, not started or ended', () => {
		expect(budgetRisk(position({ used: 10_000, usedPercent: 100 }), RULES)).toBe('exhausted');
		expect(budgetRisk(position({ used: 9_999.99, usedPercent: 99.99 }), RULES)).toBe(
			'overspending'
		);
		expect(budgetRisk(position({ total: null }), RULES)).toBe('no_plan');
		expect(budgetRisk(position({ planEnd: null }), RULES)).toBe('no_plan');
		expect(budgetRisk(position({ today: '2026-06-30' }), RULES)).toBe('not_started');
		expect(budgetRisk(position({ today: '2027-07-01' }), RULES)).toBe('ended');
	});
});

describe('budgetVerdict', () => {
	it('tells nearly used up from too fast by the at-risk share', () => {
		expect(budgetVerdict('overspending', 80, 40, 80).state).toBe('nearly_used_up');
		expect(budgetVerdict('overspending', 79.9, 40, 80).state).toBe('too_fast');
		expect(budgetVerdict('exhausted', 100, 60, 80).state).toBe('used_up');
		expect(budgetVerdict('on_track', 48, 50, 80)).toEqual({
			state: 'on_track',
			tone: 'good',
			text: 'On track: 48.0% spent with 50.0% of the plan gone.'
		});
		expect(budgetVerdict('not_started', null, null, 80).text).toBe('Plan not started.');
	});
});
