/**
 * The services behind /admin/users and /admin/audit, against the real database: every change is
 * attributed to the admin who made it, filters narrow the lists, deactivation ends sessions, and
 * the trail shows health details opened for the reader but only to roles that may read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, createUser, unique } from '../../../../tests/fixtures';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM, type Actor } from '../db/context';
import { AuthSession, type User } from '../db/models';
import { localDate } from '../time';
import * as audit from './audit';
import * as users from './users';

let admin: User;
let as: Actor;
const defaults = { page: 1, limit: 25, sort: 'name' as const };

beforeAll(async () => {
	admin = await runAs(SYSTEM, () => tx(() => createUser('super_admin')));
	as = { userId: admin.id, role: 'super_admin', ip: '198.51.100.4', userAgent: 'admin-test' };
});
afterAll(closeDb);

describe('users service', () => {
	it('creates, finds, re-roles and deactivates an account, each change audited to the admin', async () => {
		const marker = unique('Ngaio');
		const created = await runAs(as, () =>
			users.create({
				email: `${marker}@Example.org`.toLowerCase(),
				name: `${marker} Walker`,
				role: 'support_worker',
				password: 'long enough password'
			})
		);
		const found = await runAs(as, () => users.list({ ...defaults, q: marker }));
		expect(found.data.map((u) => u.id)).toEqual([created.id]);
		expect(
			(await runAs(as, () => users.list({ ...defaults, q: marker, role: 'allied_health' }))).total
		).toBe(0);

		await runAs(as, () => users.changeRole(created.id, 'allied_health'));
		await runAs(SYSTEM, () =>
			tx(() =>
				AuthSession.create({
					id: unique('s').padEnd(64, '0').slice(0, 64),
					userId: created.id,
					expiresAt: new Date(Date.now() + 3_600_000),
					ipAddress: null,
					userAgent: null
				})
			)
		);
		const deactivated = await runAs(as, () => users.setActive(created.id, false));
		expect(deactivated?.isActive).toBe(false);
		expect(
			await runAs(SYSTEM, () => tx(() => AuthSession.count({ where: { userId: created.id } })))
		).toBe(0);
		expect(
			(await runAs(as, () => users.list({ ...defaults, q: marker, status: 'inactive' }))).total
		).toBe(1);

		const trail = await runAs(as, () =>
			audit.list({ recordId: created.id, tableName: 'users', page: 1, limit: 50 })
		);
		expect(trail.data.map((e) => e.action).sort()).toEqual(['insert', 'update', 'update']);
		expect(trail.data.every((e) => e.userId === admin.id && e.userName === admin.name)).toBe(true);
		const roleChange = trail.data.find((e) => e.newValues?.role);
		expect(roleChange?.oldValues).toEqual({ role: 'support_worker' });
	});

	it('applies a partial change as one audited update, and narrows a list to one account', async () => {
		const marker = unique('Tui');
		const created = await runAs(as, () =>
			users.create({
				email: `${marker}@example.org`.toLowerCase(),
				name: `${marker} Hohaia`,
				role: 'support_worker',
				password: 'long enough password'
			})
		);
		const changed = await runAs(as, () =>
			users.update(created.id, { name: `${marker} Parata`, phone: '0400 000 000', isActive: false })
		);
		expect(changed).toMatchObject({
			name: `${marker} Parata`,
			phone: '0400 000 000',
			isActive: false
		});
		const onlyMine = await runAs(as, () => users.list(defaults, created.id));
		expect(onlyMine.data.map((u) => u.id)).toEqual([created.id]);
		expect(
			await runAs(as, () => users.update('00000000-0000-4000-8000-000000000000', { name: 'X' }))
		).toBeNull();
	});

	it('answers null for an account that does not exist', async () => {
		expect(
			await runAs(as, () => users.changeRole('00000000-0000-4000-8000-000000000000', 'super_admin'))
		).toBeNull();
	});
});

describe('audit service', () => {
	it("filters by action and date, and opens a participant's encrypted fields for the reader", async () => {
		const participant = await runAs(as, () =>
			tx(() => createParticipant(admin.id, { medicalInfo: 'Coeliac disease' }))
		);
		const today = localDate(new Date());
		const entries = await runAs(as, () =>
			audit.list({
				recordId: participant.id,
				action: 'insert',
				from: today,
				to: today,
				page: 1,
				limit: 50
			})
		);
		expect(entries.data).toHaveLength(1);
		expect(entries.data[0]!.newValues?.medical_info).toBe('Coeliac disease');
		expect(entries.data[0]).toMatchObject({ ipAddress: '198.51.100.4', userAgent: 'admin-test' });

		const yesterday = await runAs(as, () =>
			audit.list({ recordId: participant.id, to: '2000-01-01', page: 1, limit: 50 })
		);
		expect(yesterday.total).toBe(0);

		// The database itself refuses the trail to a support worker.
		const worker = await runAs(SYSTEM, () => tx(() => createUser('support_worker')));
		const seen = await runAs({ userId: worker.id, role: 'support_worker' }, () =>
			audit.list({ recordId: participant.id, page: 1, limit: 50 })
		);
		expect(seen.total).toBe(0);
	});

	it('refuses a date range that ends before it starts', () => {
		const parsed = audit.auditFilters.safeParse({ from: '2026-11-02', to: '2026-11-01' });
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues[0]).toMatchObject({
			path: ['to'],
			message: 'must be on or after the start date'
		});
	});
});
