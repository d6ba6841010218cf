/**
 * The participants service against the real database: every validation rule answers per field,
 * a duplicate NDIS number is a 409 on its field, workers list only the participants they are
 * assigned to, a status change needs a reason and is audited with it, and assigning or
 * unassigning keeps the staff member's count right.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, createUser, ndisNumber, unique } from '../../../../tests/fixtures';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM, type Actor } from '../db/context';
import { describeDbError } from '../db/errors';
import { fieldErrors } from '../http/errors';
import { AuditLog, StaffMember, type Participant, type User } from '../db/models';
import * as participants from './participants';

let coordinator: User;
let worker: User;
let asCoordinator: Actor;
let asWorker: Actor;
const defaults = { page: 1, limit: 100, sort: 'name' as const };

beforeAll(async () => {
	[coordinator, worker] = await runAs(SYSTEM, () =>
		tx(async () => [await createUser('support_coordinator'), await createUser('support_worker')])
	);
	await runAs(SYSTEM, () =>
		tx(() =>
			StaffMember.create({
				userId: worker.id,
				specialization: null,
				hourlyRate: '40.00',
				startDate: '2025-01-01',
				certifications: null
			})
		)
	);
	asCoordinator = { userId: coordinator.id, role: 'support_coordinator' };
	asWorker = { userId: worker.id, role: 'support_worker' };
});
afterAll(closeDb);

const valid = () => ({
	ndisNumber: ndisNumber(),
	name: `${unique('Marlee')} Jones`,
	email: 'marlee@example.org',
	phone: '0412 345 678',
	planStartDate: '2026-07-01',
	planEndDate: '2027-06-30',
	planManager: 'Plan-managed',
	totalBudget: '50000.00',
	usedBudget: '1200.5'
});

function errorsOf(input: unknown) {
	const parsed = participants.newParticipantSchema.safeParse(input);
	return parsed.success ? {} : fieldErrors(parsed.error);
}

describe('participant validation', () => {
	it('accepts a complete record and normalises money and empties', () => {
		const parsed = participants.newParticipantSchema.parse({ ...valid(), address: '' });
		expect(parsed.usedBudget).toBe('1200.50');
		expect(parsed.address).toBeNull();
	});

	it.each([
		['ndisNumber', '12345678', 'must be exactly 9 digits starting with 43'],
		['ndisNumber', '4312345678', 'must be exactly 9 digits starting with 43'],
		['ndisNumber', '531234567', 'must be exactly 9 digits starting with 43'],
		['name', '  ', 'is required'],
		['email', 'not-an-email', 'is not a valid email address'],
		['phone', '12345', 'must be an Australian phone number, like 0412 345 678 or 02 9876 5432'],
		[
			'emergencyContactPhone',
			'+1 555 123 4567',
			'must be an Australian phone number, like 0412 345 678 or 02 9876 5432'
		],
		['dateOfBirth', '01/05/1990', 'must be a date (YYYY-MM-DD)'],
		['planStartDate', '2026-02-30', 'is not a real calendar date'],
		[
			'totalBudget',
			'-5.00',
			'must be an amount of zero or more with at most 2 decimal places, like 1234.50'
		],
		[
			'totalBudget',
			'12.345',
			'must be an amount of zero or more with at most 2 decimal places, like 1234.50'
		],
		['planManager', 'Myself', 'must be one of Self-managed, Plan-managed, Agency-managed'],
		['status', 'deleted', 'must be one of active, inactive, pending']
	])('refuses %s = %j with a message for that field', (field, value, message) => {
		expect(errorsOf({ ...valid(), [field]: value })).toEqual({ [field]: message });
	});

	it('requires the NDIS number and name', () => {
		const { ndisNumber: _n, name: _m, ...rest } = valid();
		expect(Object.keys(errorsOf(rest)).sort()).toEqual(['name', 'ndisNumber']);
	});

	it('accepts Australian landlines, mobiles with +61 and 1300 numbers', () => {
		for (const phone of ['02 9876 5432', '+61 412 345 678', '(03) 9123-4567', '1300 123 456']) {
			expect(errorsOf({ ...valid(), phone })).toEqual({});
		}
	});

	it('wants the plan to end after it starts', () => {
		expect(errorsOf({ ...valid(), planEndDate: '2026-07-01' })).toEqual({
			planEndDate: 'must be after the plan start date'
		});
	});

	it('refuses spending beyond the total unless overspend is allowed', () => {
		const over = { ...valid(), usedBudget: '50000.01' };
		expect(errorsOf(over)).toEqual({
			usedBudget: 'cannot be more than the total budget (unless overspend is allowed)'
		});
		expect(errorsOf({ ...over, allowOverspend: true })).toEqual({});
	});

	it('refuses unknown fields and a status change without a reason', () => {
		expect(errorsOf({ ...valid(), ssn: '1' })).toEqual({
			body: 'ssn: not a field of a participant'
		});
		const patch = participants.participantPatchSchema.safeParse({ status: 'inactive' });
		expect(patch.success ? {} : fieldErrors(patch.error)).toEqual({
			statusReason: 'is required to change the status'
		});
	});
});

describe('participants service', () => {
	it('creates a participant with computed budget and plan progress, and finds it', async () => {
		const input = participants.newParticipantSchema.parse(valid());
		const created = await runAs(asCoordinator, () => participants.create(input, coordinator.id));
		expect(created).toMatchObject({
			ndisNumber: input.ndisNumber,
			totalBudget: '50000.00',
			usedBudget: '1200.50',
			remainingBudget: '48799.50',
			status: 'active',
			createdBy: coordinator.id
		});
		expect(created.planElapsedPercent).toBeGreaterThanOrEqual(0);
		expect(created.planElapsedPercent).toBeLessThanOrEqual(100);

		const viewer = { id: coordinator.id, scope: 'all' as const };
		const byName = await runAs(asCoordinator, () =>
			participants.list({ ...defaults, q: input.name.slice(0, 12).toUpperCase() }, viewer)
		);
		expect(byName.data.map((p) => p.id)).toContain(created.id);
		expect(byName.data[0]).not.toHaveProperty('medicalInfo');
		const byNumber = await runAs(asCoordinator, () =>
			participants.list({ ...defaults, q: input.ndisNumber.slice(0, 8) }, viewer)
		);
		expect(byNumber.data.map((p) => p.id)).toContain(created.id);
		const byFilters = await runAs(asCoordinator, () =>
			participants.list(
				{ ...defaults, q: input.name, status: 'active', planManager: 'Self-managed' },
				viewer
			)
		);
		expect(byFilters.total).toBe(0);
	});

	it('computes plan progress from the dates', () => {
		expect(participants.planElapsedPercent('2026-01-01', '2026-01-11', '2026-01-06')).toBe(50);
		expect(participants.planElapsedPercent('2026-01-01', '2026-01-11', '2025-06-01')).toBe(0);
		expect(participants.planElapsedPercent('2026-01-01', '2026-01-11', '2027-06-01')).toBe(100);
		expect(participants.planElapsedPercent(null, '2026-01-11', '2026-01-06')).toBeNull();
	});

	it('lists plans ending soon and sorts by plan end date', async () => {
		const marker = unique('Soon');
		const today = new Date().toISOString().slice(0, 10);
		const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
		await runAs(SYSTEM, () =>
			tx(async () => {
				await createParticipant(null, {
					name: `${marker} A`,
					planStartDate: '2025-01-01',
					planEndDate: inDays(20)
				});
				await createParticipant(null, {
					name: `${marker} B`,
					planStartDate: '2025-01-01',
					planEndDate: inDays(5)
				});
				await createParticipant(null, {
					name: `${marker} C`,
					planStartDate: '2025-01-01',
					planEndDate: inDays(200)
				});
			})
		);
		expect(today).toMatch(/^\d{4}/);
		const viewer = { id: coordinator.id, scope: 'all' as const };
		const soon = await runAs(asCoordinator, () =>
			participants.list(
				{ ...defaults, q: marker, planEndingWithinDays: 30, sort: 'planEndDate' },
				viewer
			)
		);
		expect(soon.data.map((p) => p.name)).toEqual([`${marker} B`, `${marker} A`]);
		const paged = await runAs(asCoordinator, () =>
			participants.list({ ...defaults, q: marker, sort: '-name', limit: 2, page: 2 }, viewer)
		);
		expect(paged).toMatchObject({ total: 3, page: 2, limit: 2 });
		expect(paged.data.map((p) => p.name)).toEqual([`${marker} A`]);
	});

	it('answers a duplicate NDIS number as a 409 on that field', async () => {
		const input = participants.newParticipantSchema.parse(valid());
		await runAs(asCoordinator, () => participants.create(input, coordinator.id));
		const again = await runAs(asCoordinator, () =>
			participants.create({ ...input, name: 'Someone Else' }, coordinator.id)
		).catch((err: unknown) => err);
		expect(describeDbError(again)).toMatchObject({
			status: 409,
			fields: { ndisNumber: 'is already registered to another participant' }
		});
	});

	it('checks a partial change against the stored record', async () => {
		const created = await runAs(asCoordinator, () =>
			participants.create(participants.newParticipantSchema.parse(valid()), coordinator.id)
		);
		const tooEarly = await runAs(asCoordinator, () =>
			participants.update(created.id, { planEndDate: '2026-06-01' })
		).catch((err: unknown) => err);
		expect(tooEarly).toBeInstanceOf(participants.ParticipantValidationError);
		expect((tooEarly as participants.ParticipantValidationError).fields).toEqual({
			planEndDate: 'must be after the plan start date'
		});
		const overspent = await runAs(asCoordinator, () =>
			participants.update(created.id, { usedBudget: '60000.00' })
		).catch((err: unknown) => err);
		expect((overspent as participants.ParticipantValidationError).fields).toHaveProperty(
			'usedBudget'
		);
		const allowed = await runAs(asCoordinator, () =>
			participants.update(created.id, { usedBudget: '60000.00', allowOverspend: true })
		);
		expect(allowed?.remainingBudget).toBe('-10000.00');
		expect(
			await runAs(asCoordinator, () =>
				participants.update('00000000-0000-4000-8000-000000000000', { name: 'Nobody' })
			)
		).toBeNull();
	});

	it('changes status only with a reason, and audits the reason', async () => {
		const created = await runAs(asCoordinator, () =>
			participants.create(participants.newParticipantSchema.parse(valid()), coordinator.id)
		);
		await expect(
			runAs(asCoordinator, () => participants.setStatus(created.id, 'inactive', '  '))
		).rejects.toBeInstanceOf(participants.ParticipantValidationError);
		const changed = await runAs(asCoordinator, () =>
			participants.setStatus(created.id, 'inactive', 'Moved interstate')
		);
		expect(changed?.status).toBe('inactive');
		const trail = await runAs(SYSTEM, () =>
			tx(() =>
				AuditLog.findAll({
					where: { tableName: 'participants', recordId: created.id },
					order: [['createdAt', 'ASC']]
				})
			)
		);
		const reasoned = trail.find((row) => row.action === 'participant.status_changed');
		expect(reasoned).toMatchObject({
			userId: coordinator.id,
			newValues: { status: 'inactive', reason: 'Moved interstate' }
		});
		expect(
			trail.some((row) => row.action === 'update' && row.newValues?.status === 'inactive')
		).toBe(true);
	});
});

describe('assignments and scope', () => {
	let mine: Participant;
	let other: Participant;

	beforeAll(async () => {
		[mine, other] = await runAs(SYSTEM, () =>
			tx(async () => [
				await createParticipant(null, { name: `${unique('Mine')} P` }),
				await createParticipant(null, { name: `${unique('Other')} P` })
			])
		);
	});

	const count = () =>
		runAs(SYSTEM, () =>
			tx(async () => (await StaffMember.findOne({ where: { userId: worker.id } }))!)
		).then((s) => s.assignedParticipantsCount);

	it('assigns, keeps the count right, and lets the worker see only their participants', async () => {
		expect(await count()).toBe(0);
		expect(
			await runAs(asCoordinator, () => participants.assign(mine.id, worker.id, coordinator.id))
		).toBe('assigned');
		expect(await count()).toBe(1);
		const duplicate = await runAs(asCoordinator, () =>
			participants.assign(mine.id, worker.id, coordinator.id)
		).catch((err: unknown) => err);
		expect(describeDbError(duplicate)?.status).toBe(409);
		expect(await count()).toBe(1);
		expect(
			await runAs(asCoordinator, () => participants.assign(mine.id, coordinator.id, null))
		).toBe('no_user');

		const staff = await runAs(asCoordinator, () => participants.listStaff(mine.id));
		expect(staff.map((s) => s.userId)).toEqual([worker.id]);

		const viewer = { id: worker.id, scope: 'assigned' as const };
		const seen = await runAs(asWorker, () => participants.list(defaults, viewer));
		expect(seen.data.map((p) => p.id)).toEqual([mine.id]);
		expect(await runAs(asWorker, () => participants.get(mine.id, viewer))).not.toBeNull();
		expect(await runAs(asWorker, () => participants.get(other.id, viewer))).toBeNull();
		// The app's own scope, without RLS's help: a coordinator's connection asked as the worker.
		expect(await runAs(asCoordinator, () => participants.get(other.id, viewer))).toBeNull();

		expect(await runAs(asCoordinator, () => participants.unassign(mine.id, worker.id))).toBe(true);
		expect(await count()).toBe(0);
		expect(await runAs(asCoordinator, () => participants.unassign(mine.id, worker.id))).toBe(false);
		expect((await runAs(asWorker, () => participants.list(defaults, viewer))).total).toBe(0);
	});
});
