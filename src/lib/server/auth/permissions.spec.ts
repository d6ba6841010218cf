import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { USER_ROLES } from '../../shared/enums';
import {
	ACTIONS,
	can,
	canReadField,
	FIELDS,
	fieldScope,
	renderFieldPolicyMarkdown,
	renderPolicyMarkdown,
	RESOURCES,
	scopeOf
} from './permissions';

const FRONTLINE = ['support_worker', 'allied_health'] as const;

describe('permission policy', () => {
	it('gives super_admins every action on every resource', () => {
		for (const resource of RESOURCES)
			for (const action of ACTIONS) expect(scopeOf('super_admin', resource, action)).toBe('all');
	});

	it('never lets frontline staff past their own participants and work', () => {
		for (const role of FRONTLINE)
			for (const resource of RESOURCES)
				for (const action of ACTIONS)
					if (resource !== 'staff' && resource !== 'item-codes')
						expect(scopeOf(role, resource, action), `${role} ${resource} ${action}`).not.toBe(
							'all'
						);
		for (const role of FRONTLINE) {
			expect(scopeOf(role, 'participants', 'read')).toBe('assigned');
			expect(scopeOf(role, 'session-logs', 'read')).toBe('own');
			expect(can(role, 'session-logs', 'approve')).toBe(false);
			expect(can(role, 'invoices', 'read')).toBe(false);
			expect(can(role, 'participants', 'create')).toBe(false);
		}
	});

	it('keeps administration to super_admins', () => {
		for (const role of USER_ROLES.filter((r) => r !== 'super_admin')) {
			expect(can(role, 'users', 'create'), role).toBe(false);
			expect(can(role, 'settings-system', 'update'), role).toBe(false);
			expect(can(role, 'audit-logs', 'read'), role).toBe(false);
			expect(can(role, 'item-codes', 'import'), role).toBe(false);
			expect(can(role, 'jobs', 'create'), role).toBe(false);
			expect(can(role, 'display-tokens', 'create'), role).toBe(false);
			expect(can(role, 'mail', 'read'), role).toBe(false);
		}
	});

	it('lets coordinators manage participants, rosters and approvals, and therapists set goals', () => {
		expect(scopeOf('support_coordinator', 'participants', 'update')).toBe('all');
		expect(scopeOf('support_coordinator', 'calendar-events', 'create')).toBe('all');
		expect(scopeOf('support_coordinator', 'session-logs', 'approve')).toBe('all');
		expect(can('support_coordinator', 'participants', 'delete')).toBe(false);
		expect(scopeOf('allied_health', 'goals', 'update')).toBe('assigned');
		expect(can('support_worker', 'goals', 'update')).toBe(false);
	});

	it("keeps colleagues' pay and hours from frontline staff, but not their own", () => {
		const me = '7a1e0c52-0000-4000-8000-000000000001';
		const colleague = '7a1e0c52-0000-4000-8000-000000000002';
		for (const field of FIELDS) {
			for (const role of FRONTLINE) {
				expect(fieldScope(role, field), `${role} ${field}`).toBe('own');
				expect(canReadField({ id: me, role }, field, colleague), `${role} ${field}`).toBe(false);
				expect(canReadField({ id: me, role }, field, me), `${role} ${field}`).toBe(true);
				// A staff record without an account is nobody's own.
				expect(canReadField({ id: me, role }, field, null), `${role} ${field}`).toBe(false);
			}
			for (const role of ['super_admin', 'support_coordinator'] as const) {
				expect(canReadField({ id: me, role }, field, colleague), `${role} ${field}`).toBe(true);
			}
		}
	});

	// Compare cell by cell: Prettier pads the README's tables, the policy renders them unpadded.
	const rows = (text: string) =>
		text
			.split('\n')
			.filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
			.map((line) => line.split('|').map((cell) => cell.trim()));
	const readmeTable = (firstCell: string) => {
		const readme = readFileSync('README.md', 'utf8');
		const start = readme.indexOf(`| ${firstCell}`);
		expect(start, `README table starting "| ${firstCell}"`).toBeGreaterThan(-1);
		return readme.slice(start, readme.indexOf('\n\n', start));
	};

	it('is documented in the README exactly as enforced', () => {
		expect(rows(readmeTable('resource'))).toEqual(rows(renderPolicyMarkdown()));
	});

	it('documents the private fields in the README exactly as enforced', () => {
		expect(rows(readmeTable('field'))).toEqual(rows(renderFieldPolicyMarkdown()));
	});
});
