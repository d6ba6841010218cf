/**
 * Goals and progress notes against the real database: validation answers per field, progress 100
 * completes a goal, frontline staff reach only the goals of participants they are assigned to (and
 * only allied health may write them), frontline staff see and change only their own notes, and
 * the audit trail names the actor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, createUser } from '../../../../tests/fixtures';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM, type Actor } from '../db/context';
import { fieldErrors } from '../http/errors';
import { AuditLog, ParticipantStaff, type Participant, type User } from '../db/models';
import * as goals from './goals';
import * as notes from './progress-notes';

let coordinator: User;
let worker: User;
let allied: User;
let assigned: Participant;
let unassigned: Participant;
let asCoordinator: Actor;
let asWorker: Actor;
let asAllied: Actor;

beforeAll(async () => {
	await runAs(SYSTEM, () =>
		tx(async () => {
			coordinator = await createUser('support_coordinator');
			worker = await createUser('support_worker');
			allied = await createUser('allied_health');
			assigned = await createParticipant(coordinator.id);
			unassigned = await createParticipant(coordinator.id);
			for (const user of [worker, allied]) {
				await ParticipantStaff.create({
					participantId: assigned.id,
					userId: user.id,
					assignedBy: coordinator.id
				});
			}
		})
	);
	asCoordinator = { userId: coordinator.id, role: 'support_coordinator' };
	asWorker = { userId: worker.id, role: 'support_worker' };
	asAllied = { userId: allied.id, role: 'allied_health' };
});
afterAll(closeDb);

const coordinatorViewer = () => ({ id: coordinator.id, scope: 'all' as const });
const workerViewer = () => ({ id: worker.id, scope: 'assigned' as const });
const alliedViewer = () => ({ id: allied.id, scope: 'assigned' as const });

function goalErrors(input: unknown) {
	const parsed = goals.newGoalSchema.safeParse(input);
	return parsed.success ? {} : fieldErrors(parsed.error);
}

function noteErrors(input: unknown) {
	const parsed = notes.newNoteSchema.safeParse(input);
	return parsed.success ? {} : fieldErrors(parsed.error);
}

describe('goal validation', () => {
	it('accepts a complete goal', () => {
		expect(
			goalErrors({
				category: 'Daily living',
				goal: 'Cook a meal',
				progressPercentage: 40,
				status: 'in_progress',
				dueDate: '2027-01-31'
			})
		).toEqual({});
	});

	it.each([
		[{ goal: 'x' }, 'category', 'is required'],
		[{ category: 'x'.repeat(101), goal: 'x' }, 'category', 'must be at most 100 characters'],
		[{ category: 'Social', goal: '  ' }, 'goal', 'is required'],
		[
			{ category: 'Social', goal: 'x', progressPercentage: 101 },
			'progressPercentage',
			'must be at most 100'
		],
		[
			{ category: 'Social', goal: 'x', progressPercentage: -1 },
			'progressPercentage',
			'must be at least 0'
		],
		[
			{ category: 'Social', goal: 'x', progressPercentage: 2.5 },
			'progressPercentage',
			'must be a whole number'
		],
		[
			{ category: 'Social', goal: 'x', status: 'done' },
			'status',
			expect.stringContaining('must be one of')
		],
		[
			{ category: 'Social', goal: 'x', dueDate: '31/01/2027' },
			'dueDate',
			'must be a date (YYYY-MM-DD)'
		],
		[
			{ category: 'Social', goal: 'x', dueDate: '2027-02-30' },
			'dueDate',
			'is not a real calendar date'
		]
	])('rejects %j on %s', (input, field, message) => {
		expect(goalErrors(input)[field]).toEqual(message);
	});
});

describe('goals', () => {
	it('completes a goal at 100% unless a status is given, and audits the actor', async () => {
		const created = await runAs(asCoordinator, () =>
			goals.create(
				assigned.id,
				goals.newGoalSchema.parse({
					category: 'Social',
					goal: 'Join a club',
					progressPercentage: 100
				}),
				coordinatorViewer()
			)
		);
		expect(created?.status).toBe('completed');
		const kept = await runAs(asCoordinator, () =>
			goals.update(
				assigned.id,
				created!.id,
				goals.goalPatchSchema.parse({ progressPercentage: 100, status: 'nearly_complete' }),
				coordinatorViewer()
			)
		);
		expect(kept?.status).toBe('nearly_complete');
		const trail = await runAs(SYSTEM, () =>
			tx(() =>
				AuditLog.findAll({ where: { tableName: 'participant_goals', recordId: created!.id } })
			)
		);
		expect(trail.length).toBeGreaterThanOrEqual(2);
		expect(trail.every((row) => row.userId === coordinator.id)).toBe(true);
	});

	it('hides the goals of an unassigned participant from frontline staff', async () => {
		await runAs(asCoordinator, () =>
			goals.create(
				unassigned.id,
				goals.newGoalSchema.parse({ category: 'Health', goal: 'Walk' }),
				coordinatorViewer()
			)
		);
		expect(await runAs(asWorker, () => goals.list(unassigned.id, workerViewer()))).toBeNull();
		expect(await runAs(asAllied, () => goals.list(unassigned.id, alliedViewer()))).toBeNull();
		expect(await runAs(asWorker, () => goals.list(assigned.id, workerViewer()))).not.toBeNull();
	});

	it('lets allied health, but not a support worker, create goals for an assigned participant', async () => {
		const input = goals.newGoalSchema.parse({ category: 'Therapy', goal: 'Improve grip' });
		const byAllied = await runAs(asAllied, () => goals.create(assigned.id, input, alliedViewer()));
		expect(byAllied?.category).toBe('Therapy');
		const trail = await runAs(SYSTEM, () =>
			tx(() =>
				AuditLog.findAll({ where: { tableName: 'participant_goals', recordId: byAllied!.id } })
			)
		);
		expect(trail.map((row) => row.userId)).toEqual([allied.id]);
		// The policy refuses it before the service; the database refuses it as well.
		await expect(
			runAs(asWorker, () => goals.create(assigned.id, input, workerViewer()))
		).rejects.toThrow();
		expect(
			await runAs(asAllied, () => goals.create(unassigned.id, input, alliedViewer()))
		).toBeNull();
	});
});

describe('progress note validation', () => {
	it.each([
		[{}, 'date', 'is required'],
		[{ date: '2026-13-01' }, 'date', 'is not a real calendar date'],
		[
			{ date: '2026-08-01', sessionType: 'x'.repeat(101) },
			'sessionType',
			'must be at most 100 characters'
		],
		[{ date: '2026-08-01', duration: 'x'.repeat(51) }, 'duration', 'must be at most 50 characters'],
		[{ date: '2026-08-01', outcomes: ['ok', ' '] }, 'outcomes.1', 'each outcome must not be empty'],
		[
			{ date: '2026-08-01', outcomes: Array(21).fill('x') },
			'outcomes',
			'must be at most 20 outcomes'
		]
	])('rejects %j on %s', (input, field, message) => {
		const errors = noteErrors({ participantId: '00000000-0000-4000-8000-000000000000', ...input });
		expect(errors[field]).toBe(message);
	});
});

describe('progress notes', () => {
	it('writes notes as the actor, scopes them to their author, and audits the actor', async () => {
		const workerActor = { id: worker.id, role: 'support_worker' as const, scope: 'own' as const };
		const input = notes.newNoteSchema.parse({
			participantId: assigned.id,
			date: '2026-08-03',
			sessionType: 'Community access',
			outcomes: ['Caught the bus', 'Paid at the shop']
		});
		const note = await runAs(asWorker, () => notes.create(input, workerActor));
		expect(note).toMatchObject({
			workerId: worker.id,
			outcomes: ['Caught the bus', 'Paid at the shop']
		});
		expect(
			await runAs(asWorker, () =>
				notes.create({ ...input, participantId: unassigned.id }, workerActor)
			)
		).toBeNull();

		const coordinatorActor = {
			id: coordinator.id,
			role: 'support_coordinator' as const,
			scope: 'all' as const
		};
		const forAllied = await runAs(asCoordinator, () =>
			notes.create({ ...input, workerId: allied.id }, coordinatorActor)
		);
		expect(forAllied?.workerId).toBe(allied.id);

		const mine = await runAs(asWorker, () =>
			notes.list(notes.noteFilters.parse({ participantId: assigned.id }), workerActor)
		);
		expect(mine.data.map((n) => n.id)).toEqual([note!.id]);
		expect(await runAs(asWorker, () => notes.get(forAllied!.id, workerActor))).toBeNull();
		expect(
			await runAs(asWorker, () => notes.update(forAllied!.id, { notes: 'x' }, workerActor))
		).toBeNull();
		const changed = await runAs(asWorker, () =>
			notes.update(note!.id, notes.notePatchSchema.parse({ notes: 'Went well' }), workerActor)
		);
		expect(changed?.notes).toBe('Went well');

		const trail = await runAs(SYSTEM, () =>
			tx(() => AuditLog.findAll({ where: { tableName: 'progress_notes', recordId: note!.id } }))
		);
		expect(trail.length).toBe(2);
		expect(trail.every((row) => row.userId === worker.id)).toBe(true);
	});
});
