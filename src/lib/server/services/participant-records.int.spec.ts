/**
 * The hub's read-only sections against the real database: a worker sees only their own sessions
 * and events of a participant, a coordinator sees all of them with the worker's name, invoices
 * come newest first, and "upcoming" means not yet ended and starting within 14 days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, createUser, unique } from '../../../../tests/fixtures';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM, type Actor } from '../db/context';
import {
	CalendarEvent,
	Invoice,
	ParticipantStaff,
	SessionLog,
	type Participant,
	type User
} from '../db/models';
import * as records from './participant-records';

let coordinator: User;
let worker: User;
let colleague: User;
let participant: Participant;
let asCoordinator: Actor;
let asWorker: Actor;
const now = new Date();
const hoursFromNow = (h: number) => new Date(now.getTime() + h * 3_600_000);

function session(staffId: string, sessionDate: string, startTime: string) {
	return SessionLog.create({
		participantId: participant.id,
		staffId,
		ndisItemCodeId: null,
		serviceType: 'Community access',
		sessionDate,
		startTime,
		endTime: '23:30',
		durationHours: '1.00',
		notes: null,
		outcomes: null,
		nextSteps: null,
		participantMood: null,
		challenges: null,
		achievements: null,
		rejectionReason: null,
		approvedBy: null,
		approvedAt: null
	});
}

function event(staffId: string, title: string, startsIn: number, hours = 1) {
	return CalendarEvent.create({
		title,
		description: null,
		participantId: participant.id,
		staffId,
		eventType: 'session',
		startDatetime: hoursFromNow(startsIn),
		endDatetime: hoursFromNow(startsIn + hours),
		location: null,
		createdBy: coordinator.id
	});
}

beforeAll(async () => {
	await runAs(SYSTEM, () =>
		tx(async () => {
			coordinator = await createUser('support_coordinator');
			worker = await createUser('support_worker', { name: 'Wren Worker' });
			colleague = await createUser('support_worker', { name: 'Colin Colleague' });
			participant = await createParticipant(coordinator.id);
			for (const user of [worker, colleague]) {
				await ParticipantStaff.create({
					participantId: participant.id,
					userId: user.id,
					assignedBy: null
				});
			}
			await session(worker.id, '2026-03-02', '09:00:00');
			await session(colleague.id, '2026-03-09', '10:15:00');
			for (const [number, issueDate] of [
				[unique('INV-A'), '2026-02-01'],
				[unique('INV-B'), '2026-03-01']
			] as const) {
				await Invoice.create({
					invoiceNumber: number,
					participantId: participant.id,
					staffId: worker.id,
					issueDate,
					dueDate: '2026-04-01',
					subtotal: '100.00',
					gstAmount: '0.00',
					totalAmount: '100.00',
					notes: null,
					sentAt: null,
					paidAt: null
				});
			}
			await event(worker.id, 'Under way', -1, 3);
			await event(worker.id, 'Tomorrow', 24);
			await event(colleague.id, 'Colleague visit', 48);
			await event(worker.id, 'Already over', -5);
			await event(worker.id, 'Too far ahead', 15 * 24);
		})
	);
	asCoordinator = { userId: coordinator.id, role: 'support_coordinator' };
	asWorker = { userId: worker.id, role: 'support_worker' };
});
afterAll(() => closeDb());

describe('the hub sections', () => {
	it('lists sessions newest first with the worker, a worker seeing only their own', async () => {
		const all = await runAs(asCoordinator, () =>
			records.recentSessions(participant.id, { id: coordinator.id, scope: 'all' })
		);
		expect(all.map((s) => [s.sessionDate, s.startTime, s.workerName])).toEqual([
			['2026-03-09', '10:15', 'Colin Colleague'],
			['2026-03-02', '09:00', 'Wren Worker']
		]);
		const own = await runAs(asWorker, () =>
			records.recentSessions(participant.id, { id: worker.id, scope: 'own' })
		);
		expect(own.map((s) => s.workerName)).toEqual(['Wren Worker']);
	});

	it('lists invoices newest first', async () => {
		const invoices = await runAs(asCoordinator, () => records.recentInvoices(participant.id));
		expect(invoices.map((i) => i.issueDate)).toEqual(['2026-03-01', '2026-02-01']);
		expect(invoices[0]).toMatchObject({ totalAmount: '100.00', status: 'draft' });
	});

	it('shows events not yet over within 14 days, a worker seeing only their own', async () => {
		const all = await runAs(asCoordinator, () =>
			records.upcomingEvents(participant.id, { id: coordinator.id, scope: 'all' }, 14, now)
		);
		expect(all.map((e) => e.title)).toEqual(['Under way', 'Tomorrow', 'Colleague visit']);
		const own = await runAs(asWorker, () =>
			records.upcomingEvents(participant.id, { id: worker.id, scope: 'own' }, 14, now)
		);
		expect(own.map((e) => [e.title, e.staffName])).toEqual([
			['Under way', 'Wren Worker'],
			['Tomorrow', 'Wren Worker']
		]);
	});
});
