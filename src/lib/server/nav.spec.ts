import { describe, expect, it } from 'vitest';
import { navFor } from './nav';

const labels = (role: Parameters<typeof navFor>[0]) => navFor(role).map((l) => l.label);

describe('navFor', () => {
	it('gives administrators the admin pages', () => {
		expect(labels('super_admin')).toEqual(['Dashboard', 'Users', 'Audit log']);
	});

	it('shows other roles no admin links', () => {
		expect(labels('support_coordinator')).toEqual(['Dashboard']);
		expect(labels('support_worker')).toEqual(['Dashboard']);
		expect(labels('allied_health')).toEqual(['Dashboard']);
	});
});
