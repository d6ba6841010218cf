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
		| '/admin/displays'
		| '/admin/mail';
	label: string;
	/**
	 * Where the header puts it: the main row, the "Admin" menu (pages for running the
	 * organisation, grouped so the header stays one line for super admins), or the account menu.
	 */
	group: NavGroup;
};

export type NavGroup = 'main' | 'admin' | 'account';

type Entry = Omit<NavLink, 'group'> & {
	resource: Resource;
	action: Action;
	scope?: Scope;
	group?: NavGroup;
};

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
	{
		href: '/admin/users',
		label: 'Users',
		resource: 'users',
		action: 'update',
		scope: 'all',
		group: 'admin'
	},
	{
		href: '/admin/audit',
		label: 'Audit log',
		resource: 'audit-logs',
		action: 'read',
		group: 'admin'
	},
	{ href: '/admin/queues', label: 'Jobs', resource: 'jobs', action: 'read', group: 'admin' },
	{
		href: '/admin/displays',
		label: 'Wall displays',
		resource: 'display-tokens',
		action: 'read',
		group: 'admin'
	},
	{ href: '/admin/mail', label: 'Mail', resource: 'mail', action: 'read', group: 'admin' },
	{
		href: '/admin/settings',
		label: 'System settings',
		resource: 'settings-system',
		action: 'read',
		group: 'admin'
	},
	{
		href: '/settings',
		label: 'My settings',
		resource: 'settings-me',
		action: 'read',
		group: 'account'
	}
];

export function navFor(role: UserRole): NavLink[] {
	const links: NavLink[] = [{ href: '/', label: 'Dashboard', group: 'main' }];
	for (const { href, label, resource, action, scope, group = 'main' } of ENTRIES) {
		const granted = scopeOf(role, resource, action);
		if (granted && (!scope || granted === scope || granted === 'all')) {
			links.push({ href, label, group });
		}
	}
	return links;
}
