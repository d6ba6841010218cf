import { describe, expect, it } from 'vitest';
import { navFor } from './nav';

const labels = (role: Parameters<typeof navFor>[0]) => navFor(role).map((l) => l.label);

describe('navFor', () => {
	it('gives administrators the admin pages', () => {
		expect(labels('super_admin')).toEqual(['Dashboard', 'Staff', 'Users', 'Audit log']);
	});

	it('shows other roles no admin links', () => {
		expect(labels('support_coordinator')).toEqual(['Dashboard', 'Staff']);
		expect(labels('support_worker')).toEqual(['Dashboard', 'Staff']);
		expect(labels('allied_health')).toEqual(['Dashboard', 'Staff']);
	});
});
