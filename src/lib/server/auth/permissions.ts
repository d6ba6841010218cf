/**
 * The one permission policy: role × resource × action → the scope in which it is allowed.
 * Every page load, form action, API endpoint, socket subscription, job trigger and export asks
 * `can()` (or `scopeOf()` to filter a query); nothing else decides access. Row-level security in
 * the database enforces the same scopes a second time (migrations/0009_identity.ts).
 *
 * Scopes:
 * - 'all'       every record of that resource;
 * - 'assigned'  records of participants the user is assigned to (participant_staff);
 * - 'own'       records the user authored or is the subject of (their sessions, notes, events,
 *               notifications, settings, account);
 * - absent      refused.
 */
import type { UserRole } from '../../shared/enums';

export const RESOURCES = [
	'users',
	'participants',
	'assignments',
	'staff',
	'item-codes',
	'session-logs',
	'progress-notes',
	'goals',
	'calendar-events',
	'invoices',
	'documents',
	'settings-system',
	'settings-me',
	'audit-logs',
	'record-history',
	'notifications',
	'display-tokens',
	'jobs',
	// The mail kept when no SMTP server is configured (/admin/mail): other people's reset links.
	'mail'
] as const;
export type Resource = (typeof RESOURCES)[number];

export const ACTIONS = [
	'read',
	'create',
	'update',
	'delete',
	'approve',
	'export',
	'import'
] as const;
export type Action = (typeof ACTIONS)[number];
export type Scope = 'all' | 'assigned' | 'own';

type Grants = Partial<Record<Resource, Partial<Record<Action, Scope>>>>;

const ALL_ACTIONS = Object.fromEntries(ACTIONS.map((a) => [a, 'all'])) as Record<Action, Scope>;
const CRUD_ALL = { read: 'all', create: 'all', update: 'all', delete: 'all' } as const;

/** What frontline staff share: their participants, their own work, their own account. */
const FRONTLINE: Grants = {
	users: { read: 'own', update: 'own' },
	participants: { read: 'assigned' },
	assignments: { read: 'assigned' },
	staff: { read: 'all' },
	'item-codes': { read: 'all' },
	'session-logs': { read: 'own', create: 'own', update: 'own', delete: 'own', export: 'own' },
	'progress-notes': { read: 'own', create: 'own', update: 'own' },
	goals: { read: 'assigned' },
	'calendar-events': { read: 'own', update: 'own' },
	documents: { read: 'assigned', create: 'assigned' },
	'settings-me': { read: 'own', update: 'own' },
	notifications: { read: 'own', update: 'own' }
};

export const POLICY: Record<UserRole, Grants> = {
	super_admin: Object.fromEntries(RESOURCES.map((r) => [r, ALL_ACTIONS])) as Grants,
	support_coordinator: {
		users: { read: 'all', update: 'own' },
		participants: { read: 'all', create: 'all', update: 'all', export: 'all' },
		assignments: CRUD_ALL,
		staff: { read: 'all', update: 'all' },
		'item-codes': { read: 'all' },
		'session-logs': { ...CRUD_ALL, approve: 'all', export: 'all' },
		'progress-notes': { read: 'all', create: 'all', update: 'all' },
		goals: CRUD_ALL,
		'calendar-events': CRUD_ALL,
		invoices: { ...CRUD_ALL, export: 'all' },
		documents: { ...CRUD_ALL, export: 'all' },
		'settings-system': { read: 'all' },
		'settings-me': { read: 'own', update: 'own' },
		'record-history': { read: 'all' },
		notifications: { read: 'own', update: 'own' }
	},
	support_worker: FRONTLINE,
	// Therapists also set and track the goals of the participants they work with.
	allied_health: {
		...FRONTLINE,
		goals: { read: 'assigned', create: 'assigned', update: 'assigned' }
	}
};

/**
 * Fields some roles may not read even on records they may read: a colleague's pay and hours are
 * private. Every answer that carries a staff row (pages, API, exports, sockets) is serialised
 * through one function that asks `fieldScope()` (services/staff.ts); 'own' is the staff member's
 * own record, absent means the field is left out of the answer.
 */
export const FIELDS = ['staff.hourlyRate', 'staff.totalHours'] as const;
export type Field = (typeof FIELDS)[number];

const MANAGERS_READ_FIELDS: Partial<Record<Field, Scope>> = {
	'staff.hourlyRate': 'all',
	'staff.totalHours': 'all'
};
const OWN_FIELDS: Partial<Record<Field, Scope>> = {
	'staff.hourlyRate': 'own',
	'staff.totalHours': 'own'
};

export const FIELD_POLICY: Record<UserRole, Partial<Record<Field, Scope>>> = {
	super_admin: MANAGERS_READ_FIELDS,
	support_coordinator: MANAGERS_READ_FIELDS,
	support_worker: OWN_FIELDS,
	allied_health: OWN_FIELDS
};

export function fieldScope(role: UserRole, field: Field): Scope | null {
	return FIELD_POLICY[role][field] ?? null;
}

/** Whether `viewer` may read `field` of a record whose subject is `ownerId`. */
export function canReadField(
	viewer: { id: string; role: UserRole },
	field: Field,
	ownerId: string | null
): boolean {
	const scope = fieldScope(viewer.role, field);
	return scope === 'all' || (scope === 'own' && ownerId !== null && ownerId === viewer.id);
}

export function scopeOf(role: UserRole, resource: Resource, action: Action): Scope | null {
	return POLICY[role][resource]?.[action] ?? null;
}

export function can(role: UserRole, resource: Resource, action: Action): boolean {
	return scopeOf(role, resource, action) !== null;
}

const ROLE_ORDER: UserRole[] = [
	'super_admin',
	'support_coordinator',
	'support_worker',
	'allied_health'
];

/** The policy as the Markdown table the README documents (a test keeps the two identical). */
export function renderPolicyMarkdown(): string {
	const header = `| resource | ${ROLE_ORDER.join(' | ')} |`;
	const rule = `|---|${ROLE_ORDER.map(() => '---').join('|')}|`;
	const rows = RESOURCES.map((resource) => {
		const cells = ROLE_ORDER.map((role) => {
			const grants = ACTIONS.flatMap((action) => {
				const scope = scopeOf(role, resource, action);
				return scope ? [scope === 'all' ? action : `${action} (${scope})`] : [];
			});
			return grants.length === ACTIONS.length && grants.every((g) => !g.includes('('))
				? 'everything'
				: grants.join(', ') || '—';
		});
		return `| ${resource} | ${cells.join(' | ')} |`;
	});
	return [header, rule, ...rows].join('\n');
}

/** The field-level policy as the README's second table (the same test keeps them identical). */
export function renderFieldPolicyMarkdown(): string {
	const header = `| field | ${ROLE_ORDER.join(' | ')} |`;
	const rule = `|---|${ROLE_ORDER.map(() => '---').join('|')}|`;
	const rows = FIELDS.map((field) => {
		const cells = ROLE_ORDER.map((role) => {
			const scope = fieldScope(role, field);
			return scope === null ? '—' : scope === 'all' ? 'read' : `read (${scope})`;
		});
		return `| ${field} | ${cells.join(' | ')} |`;
	});
	return [header, rule, ...rows].join('\n');
}
