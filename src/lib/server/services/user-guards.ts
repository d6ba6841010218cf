/**
 * Changes an administrator may not make to their own account: deactivating it or giving up the
 * administrator role would lock them out, and could leave the provider with no administrator.
 */
import type { UserRole } from '../../shared/enums';

export type AccountChange = { role?: UserRole; isActive?: boolean };

export const SELF_DEACTIVATE = 'You cannot deactivate your own account';
export const SELF_DEMOTE = 'You cannot remove your own administrator role';

/** The reason to refuse, or null when the change is fine. */
export function refuseSelfChange(
	actor: { id: string; role: UserRole },
	targetId: string,
	change: AccountChange
): string | null {
	if (actor.id !== targetId) return null;
	if (change.isActive === false) return SELF_DEACTIVATE;
	if (actor.role === 'super_admin' && change.role && change.role !== 'super_admin') {
		return SELF_DEMOTE;
	}
	return null;
}
