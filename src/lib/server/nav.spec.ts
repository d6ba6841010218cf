import { describe, expect, it } from 'vitest';
import { navFor } from './nav';

const labels = (role: Parameters<typeof navFor>[0]) => navFor(role).map((l) => l.label);

describe('navFor', () => {
	it('gives administrators the admin pages', () => {
		expect(labels('super_admin')).toEqual([
			'Dashboard',
			'Participants',
			'Calendar',
			'Sessions',
			'Documents',
			'Budgets',
			'Staff',
			'Price list',
			'Users',
			'Audit log',
			'Jobs',
			'Wall displays',
			'Mail',
			'System settings',
			'My settings'
		]);
	});

	it('shows other roles only what they may open', () => {
		const frontline = [
			'Dashboard',
			'Participants',
			'Calendar',
			'Sessions',
			'Documents',
			'Staff',
			'Price list',
			'My settings'
		];
		expect(labels('support_coordinator')).toEqual([
			'Dashboard',
			'Participants',
			'Calendar',
			'Sessions',
			'Documents',
			'Budgets',
			'Staff',
			'Price list',
			'System settings',
			'My settings'
		]);
		expect(labels('support_worker')).toEqual(frontline);
		expect(labels('allied_health')).toEqual(frontline);
	});

	it('groups the pages for running the organisation under Admin, and My settings under the account', () => {
		const inGroup = (group: string) =>
			navFor('super_admin')
				.filter((l) => l.group === group)
				.map((l) => l.label);
		// Eight on the main row, so the header stays one line at 1366 px.
		expect(inGroup('main')).toHaveLength(8);
		expect(inGroup('admin')).toEqual([
			'Users',
			'Audit log',
			'Jobs',
			'Wall displays',
			'Mail',
			'System settings'
		]);
		expect(inGroup('account')).toEqual(['My settings']);
		expect(navFor('support_worker').some((l) => l.group === 'admin')).toBe(false);
	});
});
