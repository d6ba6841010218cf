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
});
