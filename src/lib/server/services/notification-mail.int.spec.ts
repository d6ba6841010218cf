/**
 * Notifications by email as the people involved receive them: through the mail queue and a real
 * worker to an SMTP server started here. An approval reaches the worker who asked for such emails,
 * with the participant, the date and a link; a rejection carries its reason; someone who turned
 * that kind off gets the notification in the app but no email.
 */
import { testSmtp } from '../../../../tests/smtp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItemCode, createParticipant, createUser } from '../../../../tests/fixtures';
import { closeQueues, queueFor, setQueuePrefixForTests } from '../../../jobs/registry';
import { startWorkers, type Workers } from '../../../jobs/worker';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM } from '../db/context';
import {
	Notification,
	ParticipantStaff,
	type NdisItemCode,
	type Participant,
	type User
} from '../db/models';
import { addDays, localDate } from '../time';
import { formatWeekdayDate } from '../../shared/format';
import * as sessions from './session-logs';
import * as settings from './settings';

const smtp = testSmtp();
let workers: Workers | undefined;
let coordinator: User;
let keen: User;
let quiet: User;
let participant: Participant;
let item: NdisItemCode;

const mailsTo = (user: User) => smtp.to(user.email);

async function until<T>(what: string, probe: () => T | undefined | false, ms = 20_000): Promise<T> {
	for (const deadline = Date.now() + ms; Date.now() < deadline;) {
		const value = probe();
		if (value) return value;
		await new Promise((r) => setTimeout(r, 25));
	}
	throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
	await smtp.start();
	await setQueuePrefixForTests(`ndis-test-notify-${Date.now().toString(36)}-${process.pid}`);
	workers = await startWorkers({ queues: ['mail'] });
	await runAs(SYSTEM, () =>
		tx(async () => {
			coordinator = await createUser('support_coordinator', { name: 'Mail Coordinator' });
			keen = await createUser('support_worker', { name: 'Keen Worker' });
			quiet = await createUser('support_worker', { name: 'Quiet Worker' });
			participant = await createParticipant(coordinator.id, { name: 'Mia Mailtest' });
			item = await createItemCode();
			for (const user of [keen, quiet]) {
				await ParticipantStaff.create({
					participantId: participant.id,
					userId: user.id,
					assignedBy: coordinator.id
				});
			}
		})
	);
	// The quiet worker turned approval and rejection emails off in their settings.
	await runAs({ userId: quiet.id, role: 'support_worker' }, async () => {
		await settings.setMine(quiet.id, 'notifications.email.session_approved', false);
		await settings.setMine(quiet.id, 'notifications.email.session_rejected', false);
	});
}, 30_000);

afterAll(async () => {
	await workers?.close();
	await queueFor('mail').obliterate({ force: true });
	await closeQueues();
	await smtp.stop();
	await closeDb();
});

const date = addDays(localDate(new Date()), -2);

async function logAndReview(user: User, decision: Parameters<typeof sessions.review>[1]) {
	const created = await runAs({ userId: user.id, role: 'support_worker' }, () =>
		sessions.create(
			sessions.newSessionSchema.parse({
				participantId: participant.id,
				ndisItemCodeId: item.id,
				serviceType: 'Personal care',
				sessionDate: date,
				startTime: decision.action === 'approve' ? '09:00' : '13:00',
				endTime: decision.action === 'approve' ? '11:00' : '14:00'
			}),
			{ id: user.id, role: 'support_worker', scope: 'own' }
		)
	);
	await runAs({ userId: coordinator.id, role: 'support_coordinator' }, () =>
		sessions.review([created.id], decision, {
			id: coordinator.id,
			role: 'support_coordinator',
			scope: 'all'
		})
	);
	return created;
}

describe('notification emails', () => {
	it('emails the worker an approval and a rejection with its reason', async () => {
		const approved = await logAndReview(keen, { action: 'approve' });
		await logAndReview(keen, { action: 'reject', reason: 'Times do not match the roster' });
		await until('two emails to the keen worker', () => mailsTo(keen).length >= 2 && true);
		const bySubject = new Map(mailsTo(keen).map((m) => [m.subject, m.text ?? '']));
		expect(bySubject.get('Session approved')).toContain(
			`Your session with Mia Mailtest on ${formatWeekdayDate(date, localDate(new Date()))}, 09:00–11:00 was approved.`
		);
		expect(bySubject.get('Session approved')).toContain(`/sessions/${approved.id}`);
		expect(bySubject.get('Session approved')).not.toContain(date);
		expect(bySubject.get('Session rejected')).toContain('Times do not match the roster');
	});

	it('sends nothing by email to someone who turned it off, but still notifies them in the app', async () => {
		const created = await logAndReview(quiet, { action: 'approve' });
		// The keen worker's next email proves the queue has moved past the quiet one's turn.
		await logAndReview(keen, { action: 'reject', reason: 'Second check' });
		await until('the later email', () =>
			mailsTo(keen).some((m) => m.text?.includes('Second check'))
		);
		expect(mailsTo(quiet)).toEqual([]);
		const inApp = await runAs(SYSTEM, () =>
			tx(() => Notification.count({ where: { userId: quiet.id, relatedId: created.id } }))
		);
		expect(inApp).toBe(1);
	});
});
