/**
 * Session logs against the real database: every rule a worker can break (equal times, future,
 * outside the plan, overlaps across midnight, a participant not theirs), editing until approval,
 * approval exactly once (also under a race), rejection with a reason, and the notifications each
 * step leaves for the people who must act or know.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItemCode, createParticipant, createUser } from '../../../../tests/fixtures';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM } from '../db/context';
import { fieldErrors } from '../http/errors';
import {
	AuditLog,
	NdisItemCodePrice,
	Notification,
	ParticipantStaff,
	ProgressNote,
	type NdisItemCode,
	type Participant,
	type User
} from '../db/models';
import { addDays, localDate } from '../time';
import { formatWeekdayDate } from '../../shared/format';
import * as notifications from './notifications';
import * as sessions from './session-logs';

let coordinator: User;
let otherCoordinator: User;
let worker: User;
let otherWorker: User;
let participant: Participant;
let stranger: Participant;
let item: NdisItemCode;
let retiredItem: NdisItemCode;

beforeAll(async () => {
	await runAs(SYSTEM, () =>
		tx(async () => {
			coordinator = await createUser('support_coordinator', { name: 'Casey Coordinator' });
			otherCoordinator = await createUser('support_coordinator', { name: 'Robin Reviewer' });
			worker = await createUser('support_worker', { name: 'Wren Worker' });
			otherWorker = await createUser('support_worker', { name: 'Olli Other' });
			participant = await createParticipant(coordinator.id, { name: 'Pat Participant' });
			stranger = await createParticipant(coordinator.id);
			item = await createItemCode();
			retiredItem = await createItemCode({ status: 'deprecated' });
			for (const user of [worker, otherWorker, coordinator]) {
				await ParticipantStaff.create({
					participantId: participant.id,
					userId: user.id,
					assignedBy: coordinator.id
				});
			}
		})
	);
});
afterAll(closeDb);

const asWorker = () => ({ id: worker.id, role: 'support_worker' as const, scope: 'own' as const });
const asOtherWorker = () => ({
	id: otherWorker.id,
	role: 'support_worker' as const,
	scope: 'own' as const
});
const asCoordinator = () => ({
	id: coordinator.id,
	role: 'support_coordinator' as const,
	scope: 'all' as const
});
const asOtherCoordinator = () => ({
	id: otherCoordinator.id,
	role: 'support_coordinator' as const,
	scope: 'all' as const
});

// Days in the past within the plan (2026-07-01 to 2027-06-30), one per test so none overlap.
let dayOffset = 3;
const nextDay = () => addDays(localDate(new Date()), -dayOffset++);

function input(overrides: Record<string, unknown> = {}) {
	const parsed = sessions.newSessionSchema.parse({
		participantId: participant.id,
		ndisItemCodeId: item.id,
		serviceType: 'Personal care',
		sessionDate: nextDay(),
		startTime: '09:00',
		endTime: '12:30',
		...overrides
	});
	return parsed;
}

async function refusal(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (err) {
		if (err instanceof sessions.SessionRuleError) {
			return { status: err.status, message: err.message, fields: err.fields ?? {} };
		}
		throw err;
	}
	throw new Error('expected the session to be refused');
}

function as<T>(user: User, fn: () => Promise<T>) {
	return runAs({ userId: user.id, role: user.role }, fn);
}

describe('validation of the form and API body', () => {
	const errors = (body: unknown) => {
		const parsed = sessions.newSessionSchema.safeParse(body);
		return parsed.success ? {} : fieldErrors(parsed.error);
	};

	it('names each bad field', () => {
		expect(
			errors({
				participantId: 'x',
				ndisItemCodeId: 'y',
				serviceType: '',
				sessionDate: '2026-02-30',
				startTime: '25:00',
				endTime: '9am',
				travelKilometers: '-4',
				participantMood: 'grumpy',
				colour: 'red'
			})
		).toEqual({
			participantId: 'Choose a participant',
			ndisItemCodeId: 'Choose a support item',
			serviceType: 'is required',
			sessionDate: 'is not a real calendar date',
			startTime: 'must be a time (HH:MM, 24-hour)',
			endTime: 'must be a time (HH:MM, 24-hour)',
			travelKilometers: 'must be kilometres between 0 and 9999.99, at most 2 decimals',
			participantMood: 'must be one of excellent, good, neutral, challenging, difficult',
			body: 'colour: not a field of a session log'
		});
	});

	it('requires a reason to reject', () => {
		expect(sessions.rejectSchema.safeParse({ reason: '  ' }).success).toBe(false);
		const bulk = sessions.bulkReviewSchema.safeParse({ ids: [participant.id], action: 'reject' });
		expect(bulk.success ? {} : fieldErrors(bulk.error)).toEqual({
			reason: 'is required to reject: tell the workers why (at least 3 characters)'
		});
	});
});

describe('logging a session', () => {
	it('computes the duration, across midnight too, and starts pending', async () => {
		const day = await as(worker, () => sessions.create(input(), asWorker()));
		expect(day).toMatchObject({ status: 'pending', durationHours: '3.50', overnight: false });
		const night = await as(worker, () =>
			sessions.create(input({ startTime: '22:00', endTime: '07:00' }), asWorker())
		);
		expect(night).toMatchObject({ durationHours: '9.00', overnight: true, staffId: worker.id });
	});

	it('refuses equal times, the future, dates outside the plan, and retired items', async () => {
		const equal = await refusal(
			as(worker, () => sessions.create(input({ startTime: '10:00', endTime: '10:00' }), asWorker()))
		);
		expect(equal.status).toBe(400);
		expect(equal.fields.endTime).toMatch(/must differ from the start time/);

		const future = await refusal(
			as(worker, () =>
				sessions.create(input({ sessionDate: addDays(localDate(new Date()), 2) }), asWorker())
			)
		);
		expect(future.fields.sessionDate).toMatch(/in the future/);

		const outside = await refusal(
			as(worker, () => sessions.create(input({ sessionDate: '2026-06-15' }), asWorker()))
		);
		expect(outside.fields.sessionDate).toBe(
			"is outside Pat Participant's plan (1 Jul 2026 to 30 Jun 2027)"
		);

		const retired = await refusal(
			as(worker, () => sessions.create(input({ ndisItemCodeId: retiredItem.id }), asWorker()))
		);
		expect(retired.fields.ndisItemCodeId).toMatch(/deprecated/);
	});

	it("refuses a participant who is not the worker's, and logging as someone else", async () => {
		const notMine = await refusal(
			as(worker, () => sessions.create(input({ participantId: stranger.id }), asWorker()))
		);
		expect(notMine.fields).toEqual({ participantId: 'Choose a participant you work with' });
		const impersonating = await refusal(
			as(worker, () => sessions.create(input({ staffId: otherWorker.id }), asWorker()))
		);
		expect(impersonating.fields).toEqual({ staffId: 'you can only log your own sessions' });
	});

	it('refuses an overlap with 409 naming the clashing session, overnight ones included', async () => {
		const night = input({ startTime: '22:00', endTime: '07:00' });
		const first = await as(worker, () => sessions.create(night, asWorker()));
		const morning = addDays(night.sessionDate, 1);
		const clash = await refusal(
			as(worker, () =>
				sessions.create(
					input({ sessionDate: morning, startTime: '06:00', endTime: '08:00' }),
					asWorker()
				)
			)
		);
		expect(clash.status).toBe(409);
		// In the worker's words: their session, its times, the participant and the day, no id.
		expect(clash.message).toBe(
			`Overlaps your 22:00–07:00 session with Pat Participant on ${sessions.formatDay(night.sessionDate, morning)} (ending the next day)`
		);
		expect(clash.message).not.toContain(first.id);
		expect(clash.fields).toEqual({ startTime: clash.message });
		// Touching is not overlapping; another worker may be there at the same time.
		await as(worker, () =>
			sessions.create(
				input({ sessionDate: morning, startTime: '07:00', endTime: '08:00' }),
				asWorker()
			)
		);
		await as(otherWorker, () =>
			sessions.create(
				input({ sessionDate: night.sessionDate, startTime: '23:00', endTime: '01:00' }),
				asOtherWorker()
			)
		);
	});

	it('lets only one of two simultaneous overlapping submissions through', async () => {
		const date = nextDay();
		const results = await Promise.allSettled([
			as(worker, () =>
				sessions.create(
					input({ sessionDate: date, startTime: '13:00', endTime: '15:00' }),
					asWorker()
				)
			),
			as(worker, () =>
				sessions.create(
					input({ sessionDate: date, startTime: '14:00', endTime: '16:00' }),
					asWorker()
				)
			)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect((rejected.reason as sessions.SessionRuleError).status).toBe(409);
	});

	it('writes the progress note in the same step, linked to the session', async () => {
		const created = await as(worker, () =>
			sessions.create(
				input({
					progressNote: { notes: 'Made lunch together', outcomes: ['Cut vegetables safely'] }
				}),
				asWorker()
			)
		);
		const note = await runAs(SYSTEM, () =>
			tx(() => ProgressNote.findOne({ where: { sessionLogId: created.id } }))
		);
		expect(note).toMatchObject({
			notes: 'Made lunch together',
			outcomes: ['Cut vegetables safely'],
			workerId: worker.id,
			sessionLogDate: created.sessionDate
		});
	});

	it("notifies the participant's coordinators that a session waits for them", async () => {
		const created = await as(worker, () => sessions.create(input(), asWorker()));
		const sent = await runAs(SYSTEM, () =>
			tx(() => Notification.findAll({ where: { relatedId: created.id } }))
		);
		expect(sent.map((n) => n.userId)).toEqual([coordinator.id]);
		expect(sent[0]!.title).toBe('Session to approve: Wren Worker');
		// The date as Australians write it ("Sat 21 Nov"), never the stored 2026-11-21.
		const day = formatWeekdayDate(created.sessionDate, localDate(new Date()));
		expect(sent[0]!.message).toContain(` on ${day}, `);
		expect(sent[0]!.message).not.toMatch(/\d{4}-\d{2}-\d{2}/);
	});
});

describe('seeing and changing sessions', () => {
	it('shows a worker only their own sessions', async () => {
		const theirs = await as(otherWorker, () => sessions.create(input(), asOtherWorker()));
		const mine = await as(worker, () =>
			sessions.list(sessions.sessionFilters.parse({ limit: 100 }), asWorker())
		);
		expect(mine.data.every((s) => s.staffId === worker.id)).toBe(true);
		expect(await as(worker, () => sessions.get(theirs.id, asWorker()))).toBeNull();
		const queue = await as(coordinator, () =>
			sessions.list(
				sessions.sessionFilters.parse({ status: 'pending', staffId: otherWorker.id }),
				asCoordinator()
			)
		);
		expect(queue.data.map((s) => s.id)).toContain(theirs.id);
	});

	it("values a session at its item's price in force on its date, to the cent", async () => {
		const day = nextDay();
		const priced = await runAs(SYSTEM, () =>
			tx(async () => {
				const code = await createItemCode({ price: '70.23' });
				// The price on the session's day, and a later rise that must not apply to it.
				await NdisItemCodePrice.bulkCreate([
					{ ndisItemCodeId: code.id, effectiveDate: '2025-07-01', price: '61.11' },
					{ ndisItemCodeId: code.id, effectiveDate: addDays(day, 1), price: '70.23' }
				] as NdisItemCodePrice[]);
				return code;
			})
		);
		const logged = await as(worker, () =>
			sessions.create(
				input({
					ndisItemCodeId: priced.id,
					sessionDate: day,
					startTime: '09:00',
					endTime: '11:30'
				}),
				asWorker()
			)
		);
		// 2.5 h × $61.11 = $152.775, rounded half up as the budget rounds it.
		expect(logged.value).toBe('152.78');
		const queue = await as(coordinator, () =>
			sessions.list(
				sessions.sessionFilters.parse({ status: 'pending', staffId: worker.id, limit: 100 }),
				asCoordinator()
			)
		);
		expect(queue.data.find((s) => s.id === logged.id)?.value).toBe('152.78');
	});

	it('lets the author correct a pending session, and nobody change an approved one', async () => {
		const created = await as(worker, () => sessions.create(input(), asWorker()));
		const changed = await as(worker, () =>
			sessions.update(
				created.id,
				sessions.sessionPatchSchema.parse({ endTime: '13:00', notes: 'Longer' }),
				asWorker()
			)
		);
		expect(changed).toMatchObject({ durationHours: '4.00', notes: 'Longer' });
		const notTheirs = await refusal(
			as(otherWorker, () => sessions.update(created.id, { notes: 'x' }, asOtherWorker()))
		);
		expect(notTheirs.status).toBe(404);
		await as(otherCoordinator, () =>
			sessions.review([created.id], { action: 'approve' }, asOtherCoordinator())
		);
		const locked = await refusal(
			as(worker, () => sessions.update(created.id, { notes: 'y' }, asWorker()))
		);
		expect(locked.status).toBe(409);
		const undeletable = await refusal(as(worker, () => sessions.remove(created.id, asWorker())));
		expect(undeletable.status).toBe(409);
	});
});

describe('approving and rejecting', () => {
	it('approves once, records who and when, tells the worker, and audits it', async () => {
		const created = await as(worker, () => sessions.create(input(), asWorker()));
		const [first] = await as(coordinator, () =>
			sessions.review([created.id], { action: 'approve' }, asCoordinator())
		);
		expect(first).toMatchObject({
			ok: true,
			session: { status: 'approved', approvedBy: coordinator.id }
		});
		const [second] = await as(otherCoordinator, () =>
			sessions.review([created.id], { action: 'approve' }, asOtherCoordinator())
		);
		expect(second).toEqual({
			id: created.id,
			ok: false,
			status: 409,
			message: 'Already approved by Casey Coordinator'
		});
		const told = await runAs(SYSTEM, () =>
			tx(() => Notification.findAll({ where: { userId: worker.id, relatedId: created.id } }))
		);
		expect(told.map((n) => n.title)).toEqual(['Session approved']);
		const audit = await runAs(SYSTEM, () =>
			tx(() =>
				AuditLog.findAll({
					where: { tableName: 'session_logs', recordId: created.id, action: 'update' }
				})
			)
		);
		expect(audit.map((a) => a.userId)).toEqual([coordinator.id]);
	});

	it('lets exactly one of two coordinators approving at once win', async () => {
		const created = await as(worker, () => sessions.create(input(), asWorker()));
		const [a, b] = await Promise.all([
			as(coordinator, () => sessions.review([created.id], { action: 'approve' }, asCoordinator())),
			as(otherCoordinator, () =>
				sessions.review([created.id], { action: 'approve' }, asOtherCoordinator())
			)
		]);
		expect([a[0]!.ok, b[0]!.ok].filter(Boolean)).toHaveLength(1);
	});

	it('rejects with the reason, which the worker reads, and a correction goes back to pending', async () => {
		const created = await as(worker, () => sessions.create(input(), asWorker()));
		const [outcome] = await as(coordinator, () =>
			sessions.review(
				[created.id],
				{ action: 'reject', reason: 'Wrong item code for a weekend' },
				asCoordinator()
			)
		);
		expect(outcome).toMatchObject({
			ok: true,
			session: {
				status: 'rejected',
				rejectionReason: 'Wrong item code for a weekend',
				approvedBy: coordinator.id
			}
		});
		const told = await as(worker, () =>
			notifications.list(worker.id, notifications.notificationFilters.parse({ unread: 'true' }))
		);
		const rejection = told.data.find((n) => n.relatedId === created.id)!;
		expect(rejection.message).toContain('Wrong item code for a weekend');
		const corrected = await as(worker, () =>
			sessions.update(created.id, { serviceType: 'Community access' }, asWorker())
		);
		expect(corrected).toMatchObject({
			status: 'pending',
			rejectionReason: null,
			approvedBy: null,
			approvedAt: null
		});
	});

	it('never lets a coordinator approve their own session', async () => {
		const own = await as(coordinator, () => sessions.create(input(), asCoordinator()));
		const [outcome] = await as(coordinator, () =>
			sessions.review([own.id], { action: 'approve' }, asCoordinator())
		);
		expect(outcome).toMatchObject({
			ok: false,
			status: 409,
			message: expect.stringMatching(/your own/)
		});
	});

	it('reviews many at once and reports each one', async () => {
		const a = await as(worker, () => sessions.create(input(), asWorker()));
		const b = await as(worker, () => sessions.create(input(), asWorker()));
		const missing = '00000000-0000-4000-8000-000000000000';
		const outcomes = await as(coordinator, () =>
			sessions.review([a.id, b.id, missing], { action: 'approve' }, asCoordinator())
		);
		expect(outcomes.map((o) => o.ok)).toEqual([true, true, false]);
		expect(outcomes[2]).toMatchObject({ status: 404 });
	});
});

describe('notifications', () => {
	it('marks one and all read, for their owner only', async () => {
		const user = await runAs(SYSTEM, () => tx(() => createUser('support_worker')));
		await runAs({ userId: coordinator.id, role: 'support_coordinator' }, () =>
			notifications.notify([user.id, user.id], {
				kind: 'session_approved',
				type: 'success',
				title: 'One',
				message: 'first'
			})
		);
		await runAs({ userId: coordinator.id, role: 'support_coordinator' }, () =>
			notifications.notify([user.id], {
				kind: 'session_approved',
				type: 'success',
				title: 'Two',
				message: 'second'
			})
		);
		const listed = await as(user, () =>
			notifications.list(user.id, notifications.notificationFilters.parse({}))
		);
		expect(listed.unread).toBe(2);
		expect(
			await as(worker, () => notifications.markRead(worker.id, listed.data[0]!.id))
		).toBeNull();
		const read = await as(user, () => notifications.markRead(user.id, listed.data[0]!.id));
		expect(read).toMatchObject({ isRead: true });
		expect(await as(user, () => notifications.unreadCount(user.id))).toBe(1);
		expect(await as(user, () => notifications.markAllRead(user.id))).toBe(1);
		expect(await as(user, () => notifications.unreadCount(user.id))).toBe(0);
	});
});
