/**
 * The staff directory against the real database: filters narrow the list, a change is validated
 * before it reaches the database and lands as one audit row attributed to whoever made it, and a
 * colleague's participants are not listed to frontline staff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, unique } from '../../../../tests/fixtures';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM, type Actor } from '../db/context';
import { StaffMember, type User } from '../db/models';
import * as audit from './audit';
import * as staff from './staff';

let coordinator: User;
let worker: User;
let member: StaffMember;
let marker: string;
let as: Actor;
let byCoordinator: staff.Viewer;
const defaults = { page: 1, limit: 25, sort: 'name' as const };

beforeAll(async () => {
	marker = unique('Wirihana');
	await runAs(SYSTEM, () =>
		tx(async () => {
			coordinator = await createUser('support_coordinator');
			worker = await createUser('allied_health', { name: `${marker} Physio` });
			member = await StaffMember.create({
				userId: worker.id,
				specialization: 'Physiotherapy',
				hourlyRate: '95.00',
				startDate: '2025-02-03',
				certifications: null
			});
		})
	);
	as = { userId: coordinator.id, role: 'support_coordinator', ip: '198.51.100.9' };
	byCoordinator = { id: coordinator.id, role: 'support_coordinator' };
});
afterAll(closeDb);

describe('staff service', () => {
	it('finds staff by name and narrows by role and status', async () => {
		const found = await runAs(as, () => staff.list({ ...defaults, q: marker }, byCoordinator));
		expect(found.total).toBe(1);
		expect(found.data[0]).toMatchObject({
			id: member.id,
			userId: worker.id,
			name: `${marker} Physio`,
			role: 'allied_health',
			hourlyRate: '95.00',
			status: 'active'
		});
		const wrongRole = await runAs(as, () =>
			staff.list({ ...defaults, q: marker, role: 'support_worker' }, byCoordinator)
		);
		expect(wrongRole.total).toBe(0);
		const onLeave = await runAs(as, () =>
			staff.list({ ...defaults, q: marker, status: 'on_leave' }, byCoordinator)
		);
		expect(onLeave.total).toBe(0);
		const all = await runAs(as, () =>
			staff.list({ ...defaults, status: 'active', limit: 2 }, byCoordinator)
		);
		expect(all.data.length).toBeLessThanOrEqual(2);
		expect(all.data.every((s) => s.status === 'active')).toBe(true);
	});

	it('refuses bad filters and bad changes before they reach the database', () => {
		expect(staff.staffFilters.safeParse({ status: 'retired' }).success).toBe(false);
		expect(staff.staffFilters.safeParse({ limit: '500' }).success).toBe(false);
		for (const hourlyRate of ['-1', '12.345', 'abc', -5, '']) {
			expect(staff.staffPatchSchema.safeParse({ hourlyRate }).success, String(hourlyRate)).toBe(
				false
			);
		}
		expect(staff.staffPatchSchema.safeParse({ status: 'fired' }).success).toBe(false);
		expect(staff.staffPatchSchema.safeParse({ userId: worker.id }).success).toBe(false);
		expect(staff.staffPatchSchema.safeParse({}).success).toBe(false);
		expect(staff.staffPatchSchema.parse({ hourlyRate: 70.5 })).toEqual({ hourlyRate: '70.50' });
	});

	it('applies a change as one audited update by the coordinator', async () => {
		const patch = staff.staffPatchSchema.parse({
			hourlyRate: '101.5',
			status: 'on_leave',
			certifications: 'AHPRA registered'
		});
		const updated = await runAs(as, () =>
			staff.update(member.id, patch, { id: coordinator.id, role: 'support_coordinator' })
		);
		expect(updated).toMatchObject({
			hourlyRate: '101.50',
			status: 'on_leave',
			certifications: 'AHPRA registered',
			assignedParticipants: []
		});
		const trail = await runAs({ userId: coordinator.id, role: 'super_admin' }, () =>
			audit.list({ recordId: member.id, tableName: 'staff_members', page: 1, limit: 50 })
		);
		const updates = trail.data.filter((e) => e.action === 'update');
		expect(updates).toHaveLength(1);
		expect(updates[0]!.userId).toBe(coordinator.id);
		expect(updates[0]!.oldValues).toMatchObject({ hourly_rate: 95, status: 'active' });
	});

	it("lists a colleague's participants only to those who may read every participant", async () => {
		const colleague = { id: coordinator.id, role: 'support_worker' as const };
		const seen = await runAs({ userId: worker.id, role: 'allied_health' }, () =>
			staff.get(member.id, colleague)
		);
		expect(seen?.assignedParticipants).toBeNull();
		const self = await runAs({ userId: worker.id, role: 'allied_health' }, () =>
			staff.get(member.id, { id: worker.id, role: 'allied_health' })
		);
		expect(self?.assignedParticipants).toEqual([]);
		const missing = await runAs(as, () =>
			staff.update(crypto.randomUUID(), { status: 'active' }, colleague)
		);
		expect(missing).toBeNull();
	});

	it("keeps a colleague's rate and hours from frontline staff, but not their own", async () => {
		const colleague = await runAs(SYSTEM, () => tx(() => createUser('support_worker')));
		for (const role of ['support_worker', 'allied_health'] as const) {
			const viewer = { id: colleague.id, role };
			const listed = await runAs({ userId: colleague.id, role }, () =>
				staff.list({ ...defaults, q: marker }, viewer)
			);
			expect(listed.data[0]?.id, role).toBe(member.id);
			expect(listed.data[0], role).not.toHaveProperty('hourlyRate');
			expect(listed.data[0], role).not.toHaveProperty('totalHours');
			const profile = await runAs({ userId: colleague.id, role }, () =>
				staff.get(member.id, viewer)
			);
			expect(profile, role).not.toHaveProperty('hourlyRate');
			expect(profile, role).not.toHaveProperty('totalHours');
			// Sorting by pay would give its order away: refused with a field message.
			const sorted = staff.staffFiltersFor(role).safeParse({ sort: '-hourlyRate' });
			expect(sorted.success, role).toBe(false);
			expect(sorted.error?.issues[0]?.path, role).toEqual(['sort']);
		}
		const own = await runAs({ userId: worker.id, role: 'allied_health' }, () =>
			staff.list({ ...defaults, q: marker }, { id: worker.id, role: 'allied_health' })
		);
		expect(own.data[0]).toHaveProperty('hourlyRate');
		expect(own.data[0]).toHaveProperty('totalHours');
		expect(
			staff.staffFiltersFor('support_coordinator').safeParse({ sort: '-hourlyRate' }).success
		).toBe(true);
	});
});
