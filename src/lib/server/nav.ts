/**
 * The app's navigation, decided on the server from the policy, so a link is shown only to the
 * roles its page would let in (the page still checks; hiding a link is a courtesy, not a guard).
 */
import type { UserRole } from '../shared/enums';
import { scopeOf, type Action, type Resource, type Scope } from './auth/permissions';

/** Only pages that exist: the type keeps a link from pointing nowhere. */
export type NavLink = {
	href:
		| '/'
		| '/participants'
		| '/sessions'
		| '/calendar'
		| '/notifications'
		| '/documents'
		| '/staff'
		| '/item-codes'
		| '/settings'
		| '/admin/users'
		| '/admin/audit'
		| '/admin/settings'
		| '/budgets'
		| '/admin/queues'
		| '/admin/displays';
	label: string;
};

type Entry = NavLink & { resource: Resource; action: Action; scope?: Scope };

const ENTRIES: Entry[] = [
	{ href: '/participants', label: 'Participants', resource: 'participants', action: 'read' },
	{ href: '/calendar', label: 'Calendar', resource: 'calendar-events', action: 'read' },
	{ href: '/sessions', label: 'Sessions', resource: 'session-logs', action: 'read' },
	{ href: '/documents', label: 'Documents', resource: 'documents', action: 'read' },
	// Every participant's money: managers only, not staff who see their own participants.
	{ href: '/budgets', label: 'Budgets', resource: 'participants', action: 'read', scope: 'all' },
	{ href: '/staff', label: 'Staff', resource: 'staff', action: 'read' },
	{ href: '/item-codes', label: 'Price list', resource: 'item-codes', action: 'read' },
	// Managing accounts means changing anyone's, not just reading the staff list.
	{ href: '/admin/users', label: 'Users', resource: 'users', action: 'update', scope: 'all' },
	{ href: '/admin/audit', label: 'Audit log', resource: 'audit-logs', action: 'read' },
	{ href: '/admin/queues', label: 'Jobs', resource: 'jobs', action: 'read' },
	{ href: '/admin/displays', label: 'Wall displays', resource: 'display-tokens', action: 'read' },
	{
		href: '/admin/settings',
		label: 'System settings',
		resource: 'settings-system',
		action: 'read'
	},
	{ href: '/settings', label: 'My settings', resource: 'settings-me', action: 'read' }
];

export function navFor(role: UserRole): NavLink[] {
	const links: NavLink[] = [{ href: '/', label: 'Dashboard' }];
	for (const { href, label, resource, action, scope } of ENTRIES) {
		const granted = scopeOf(role, resource, action);
		if (granted && (!scope || granted === scope || granted === 'all')) links.push({ href, label });
	}
	return links;
}
