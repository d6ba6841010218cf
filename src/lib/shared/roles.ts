import type { UserRole } from './enums';

/** How each role is named to people, on the dashboard and in user lists. */
export const ROLE_LABELS: Record<UserRole, string> = {
	super_admin: 'Administrator',
	support_coordinator: 'Support coordinator',
	support_worker: 'Support worker',
	allied_health: 'Allied health'
};
