import { describe, expect, it } from 'vitest';
import { refuseSelfChange, SELF_DEACTIVATE, SELF_DEMOTE } from './user-guards';

const admin = { id: 'a1', role: 'super_admin' as const };

describe('refuseSelfChange', () => {
	it('stops an administrator deactivating or demoting themselves', () => {
		expect(refuseSelfChange(admin, 'a1', { isActive: false })).toBe(SELF_DEACTIVATE);
		expect(refuseSelfChange(admin, 'a1', { role: 'support_worker' })).toBe(SELF_DEMOTE);
	});

	it('lets them make harmless changes to themselves and any change to others', () => {
		expect(refuseSelfChange(admin, 'a1', { role: 'super_admin', isActive: true })).toBeNull();
		expect(refuseSelfChange(admin, 'b2', { role: 'allied_health', isActive: false })).toBeNull();
	});
});
