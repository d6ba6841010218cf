/**
 * The roster against the real database: every rule (end after start, nobody in two places at
 * once, overnight and back-to-back shifts, cancelled events and reminders taking no time, leave
 * and inactive staff), the version check (two moves at once: one wins, the other gets 409 with the
 * current event), weekly repeats all-or-nothing across daylight saving, what frontline staff may
 * see and do, the notifications staff get, the range query's index, and the private feed.
 */
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, createUser } from '../../../../tests/fixtures';
import { ownerClient } from '../../../../tests/pg';
import { closeDb, db, tx } from '../db';
import { runAs, SYSTEM } from '../db/context';
import { fieldErrors } from '../http/errors';
import {
	AuditLog,
	Notification,
	ParticipantStaff,
	StaffMember,
	type Participant,
	type User
} from '../db/models';
import type { CalendarEventDto } from '../../shared/calendar';
import { fromWallClock, wallClock } from '../../shared/zone';
import * as calendar from './calendar-events';
import * as feeds from './calendar-feed';
import { forSessionLog } from './calendar-events';

const ZONE = 'Australia/Sydney';
let coordinator: User;
let worker: User;
let otherWorker: User;
let participant: Participant;
let otherParticipant: Participant;

beforeAll(async () => {
	await runAs(SYSTEM, () =>
		tx(async () => {
			coordinator = await createUser('support_coordinator', { name: 'Cleo Coordinator' });
			worker = await createUser('support_worker', { name: 'Wes Worker' });
			otherWorker = await createUser('support_worker', { name: 'Ola Other' });
			participant = await createParticipant(coordinator.id, { name: 'Pip Participant' });
			otherParticipant = await createParticipant(coordinator.id, { name: 'Quinn Participant' });
			for (const user of [worker, otherWorker]) {
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

const asCoordinator = () => ({
	id: coordinator.id,
	role: 'support_coordinator' as const,
	scope: 'all' as const
});
const asWorker = () => ({ id: worker.id, role: 'support_worker' as const, scope: 'own' as const });

function as<T>(user: User, fn: () => Promise<T>) {
	return runAs({ userId: user.id, role: user.role }, fn);
}

// A day of its own for each test, far from the demo roster, so no test clashes with another.
let day = 0;
const nextDay = () => {
	const d = new Date(Date.UTC(2031, 2, 3 + 2 * day++));
	return d.toISOString().slice(0, 10);
};
/** An instant from a Sydney wall-clock date and time. */
const at = (date: string, time: string) => fromWallClock(`${date}T${time}`, ZONE).toISOString();
const addDay = (date: string, n = 1) => {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
};

function event(date: string, from: string, to: string, overrides: Record<string, unknown> = {}) {
	return calendar.newEventSchema.parse({
		title: 'Personal care – Pip',
		participantId: participant.id,
		staffId: worker.id,
		startDatetime: at(date, from),
		endDatetime: at(to < from ? addDay(date) : date, to),
		location: '1 Test Street',
		...overrides
	});
}

const create = (input: calendar.NewEvent) =>
	as(coordinator, () => calendar.create(input, asCoordinator()));
const patch = (
	id: string,
	body: Record<string, unknown>,
	by: calendar.CalendarActor = asCoordinator()
) =>
	as(by.id === worker.id ? worker : coordinator, () =>
		calendar.update(id, calendar.eventPatchSchema.parse(body), by)
	);

async function refusal(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (err) {
		if (err instanceof calendar.CalendarRuleError) {
			return {
				status: err.status,
				message: err.message,
				fields: err.fields ?? {},
				current: err.current
			};
		}
		throw err;
	}
	throw new Error('expected the change to be refused');
}

const notificationsFor = (userId: string, relatedId: string) =>
	runAs(SYSTEM, () =>
		tx(() => Notification.findAll({ where: { userId, relatedId }, order: [['createdAt', 'ASC']] }))
	);

describe('validation of the board and API body', () => {
	const errors = (schema: { safeParse: (v: unknown) => unknown }, body: unknown) => {
		const parsed = schema.safeParse(body) as { success: boolean; error?: never };
		return parsed.success ? {} : fieldErrors(parsed.error!);
	};

	it('names each bad field, and wants an offset on every time', () => {
		expect(
			errors(calendar.newEventSchema, {
				title: '',
				participantId: 'x',
				eventType: 'party',
				startDatetime: '2031-03-03T09:00',
				endDatetime: 'soon',
				status: 'maybe',
				colour: 'red'
			})
		).toEqual({
			title: 'is required',
			participantId: 'Choose a participant',
			eventType: 'must be one of session, assessment, meeting, reminder, other',
			startDatetime: 'must be a date and time with an offset, e.g. 2026-08-04T09:00:00+10:00',
			endDatetime: 'must be a date and time with an offset, e.g. 2026-08-04T09:00:00+10:00',
			status: 'must be one of scheduled, confirmed, completed, cancelled',
			body: 'colour: not a field of a calendar event'
		});
	});

	it('refuses an end not after the start, or more than 24 hours after it', () => {
		const start = '2031-03-03T09:00:00+11:00';
		expect(
			errors(calendar.newEventSchema, { title: 'x', startDatetime: start, endDatetime: start })
		).toEqual({ endDatetime: 'must be after the start' });
		expect(
			errors(calendar.newEventSchema, {
				title: 'x',
				startDatetime: start,
				endDatetime: '2031-03-04T09:30:00+11:00'
			})
		).toEqual({ endDatetime: 'makes the event longer than 24 hours' });
		// A malformed start is named once, not compared with the end.
		expect(
			errors(calendar.newEventSchema, { title: 'x', startDatetime: 'soon', endDatetime: start })
		).toEqual({
			startDatetime: 'must be a date and time with an offset, e.g. 2026-08-04T09:00:00+10:00'
		});
		expect(errors(calendar.eventPatchSchema, { version: 2, endDatetime: '9am' })).toEqual({
			endDatetime: 'must be a date and time with an offset, e.g. 2026-08-04T09:00:00+10:00'
		});
	});

	it('wants the version read on every change, and a range no wider than six weeks', () => {
		expect(errors(calendar.eventPatchSchema, { title: 'x' })).toEqual({
			version: 'is required: send the version you read'
		});
		expect(errors(calendar.eventFilters, { from: '2031-01-01', to: '2031-03-01' })).toEqual({
			to: 'must be at most 42 days after from'
		});
		expect(errors(calendar.eventFilters, { limit: '500' })).toEqual({
			limit: 'must be at most 100 (or ask for a range with from and to)'
		});
	});
});

describe('rostering', () => {
	it('creates an event at version 1, audited, and tells the staff member', async () => {
		const date = nextDay();
		const created = await create(event(date, '09:00', '12:00'));
		expect(created).toMatchObject({
			version: 1,
			status: 'scheduled',
			staffName: 'Wes Worker',
			participantName: 'Pip Participant',
			createdBy: coordinator.id
		});
		const audit = await runAs(SYSTEM, () =>
			tx(() => AuditLog.findAll({ where: { tableName: 'calendar_events', recordId: created.id } }))
		);
		expect(audit.map((a) => [a.action, a.userId])).toEqual([['insert', coordinator.id]]);
		const [note] = await notificationsFor(worker.id, created.id);
		expect(note?.title).toBe('New shift: Personal care – Pip');
		expect(note?.message).toContain('09:00–12:00');
	});

	it('refuses a staff member in two places at once, naming the other event', async () => {
		const date = nextDay();
		await create(event(date, '09:00', '12:00', { title: 'Morning with Pip' }));
		const clash = await refusal(
			create(event(date, '11:00', '13:00', { participantId: otherParticipant.id }))
		);
		expect(clash.status).toBe(409);
		expect(clash.message).toMatch(/^Wes Worker is already rostered then: “Morning with Pip”, /);
		expect(clash.fields).toHaveProperty('staffId');
		// Back to back is fine.
		await create(event(date, '12:00', '13:00', { participantId: otherParticipant.id }));
	});

	it('refuses a participant in two places at once', async () => {
		const date = nextDay();
		await create(event(date, '09:00', '12:00'));
		const clash = await refusal(create(event(date, '10:00', '11:00', { staffId: otherWorker.id })));
		expect(clash.status).toBe(409);
		expect(clash.message).toMatch(/^Pip Participant already has “Personal care – Pip” with Wes/);
		expect(clash.fields).toHaveProperty('participantId');
	});

	it('sees clashes across midnight, and lets cancelled events and reminders take no time', async () => {
		const date = nextDay();
		await create(event(date, '22:00', '07:00', { title: 'Overnight' }));
		const morning = await refusal(create(event(addDay(date), '06:30', '09:00')));
		expect(morning.message).toMatch(/“Overnight”/);
		expect(morning.message).toMatch(/22:00–07:00 \(next day\)/);
		const cancelled = await create(
			event(addDay(date), '10:00', '11:00', { status: 'cancelled', title: 'Called off' })
		);
		await create(event(addDay(date), '10:00', '11:00', { title: 'Instead' }));
		await create(
			event(addDay(date), '10:00', '10:30', { eventType: 'reminder', participantId: null })
		);
		// Bringing the cancelled one back would now clash.
		const back = await refusal(patch(cancelled.id, { version: 1, status: 'scheduled' }));
		expect(back.message).toMatch(/“Instead”/);
	});

	it('refuses anyone on leave or inactive, and an inactive participant', async () => {
		const date = nextDay();
		const [onLeave, gone, deactivated] = await runAs(SYSTEM, () =>
			tx(async () => {
				const users = [
					await createUser('support_worker', { name: 'Lee Leave' }),
					await createUser('support_worker', { name: 'Ina Inactive' }),
					await createUser('support_worker', { name: 'Dee Deactivated', isActive: false })
				];
				for (const [user, status] of [
					[users[0]!, 'on_leave'],
					[users[1]!, 'inactive']
				] as const) {
					await StaffMember.create({
						userId: user.id,
						specialization: null,
						hourlyRate: '40.00',
						startDate: '2024-01-01',
						certifications: null,
						status
					});
				}
				return users;
			})
		);
		const leave = await refusal(create(event(date, '09:00', '10:00', { staffId: onLeave!.id })));
		expect([leave.status, leave.message]).toEqual([
			409,
			'Lee Leave is on leave and cannot be rostered'
		]);
		const inactive = await refusal(create(event(date, '09:00', '10:00', { staffId: gone!.id })));
		expect(inactive.message).toBe('Ina Inactive is inactive and cannot be rostered');
		const off = await refusal(create(event(date, '09:00', '10:00', { staffId: deactivated!.id })));
		expect(off.message).toBe('Dee Deactivated is inactive and cannot be rostered');

		// Moving an existing shift onto someone on leave is refused the same way.
		const shift = await create(event(date, '13:00', '14:00'));
		const moved = await refusal(patch(shift.id, { version: 1, staffId: onLeave!.id }));
		expect(moved.fields.staffId).toBe('Lee Leave is on leave and cannot be rostered');

		const leaver = await runAs(SYSTEM, () =>
			tx(() => createParticipant(coordinator.id, { name: 'Ivy Inactive', status: 'inactive' }))
		);
		const inactiveParticipant = await refusal(
			create(event(date, '15:00', '16:00', { participantId: leaver.id }))
		);
		expect(inactiveParticipant.message).toBe('Ivy Inactive is inactive and cannot be rostered');
	});

	it('marks an event completed only once it has ended', async () => {
		const shift = await create(event(nextDay(), '09:00', '10:00'));
		const early = await refusal(patch(shift.id, { version: 1, status: 'completed' }));
		expect([early.status, early.message]).toEqual([
			400,
			'Status can be completed only once the event has ended'
		]);
	});
});

describe('the version check', () => {
	it('refuses an edit made against an old version, with the event as it is now', async () => {
		const date = nextDay();
		const shift = await create(event(date, '09:00', '12:00'));
		const moved = await patch(shift.id, {
			version: 1,
			startDatetime: at(date, '10:00'),
			endDatetime: at(date, '13:00')
		});
		expect(moved.version).toBe(2);
		const stale = await refusal(patch(shift.id, { version: 1, title: 'Overwritten?' }));
		expect(stale.status).toBe(409);
		expect(stale.message).toMatch(/Someone else changed this event after you opened it/);
		expect(stale.current).toMatchObject({ id: shift.id, version: 2, title: shift.title });
		expect(stale.current?.startDatetime).toBe(at(date, '10:00'));
	});

	it('lets exactly one of two simultaneous moves of one event win', async () => {
		const date = nextDay();
		const shift = await create(event(date, '09:00', '10:00'));
		const results = await Promise.allSettled([
			patch(shift.id, {
				version: 1,
				startDatetime: at(date, '14:00'),
				endDatetime: at(date, '15:00')
			}),
			patch(shift.id, {
				version: 1,
				startDatetime: at(date, '16:00'),
				endDatetime: at(date, '17:00')
			})
		]);
		const won = results.filter((r) => r.status === 'fulfilled');
		const lost = results.filter((r) => r.status === 'rejected');
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(1);
		const reason = (lost[0] as PromiseRejectedResult).reason as calendar.CalendarRuleError;
		expect(reason.status).toBe(409);
		const winner = (won[0] as PromiseFulfilledResult<CalendarEventDto>).value;
		expect(reason.current).toEqual(winner);
		expect(winner.version).toBe(2);
	});

	it('books one staff member once when two coordinators drop shifts at the same moment', async () => {
		const date = nextDay();
		const results = await Promise.allSettled([
			create(event(date, '09:00', '11:00', { participantId: null })),
			create(event(date, '10:00', '12:00', { participantId: otherParticipant.id }))
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
	});

	it('deletes only the version that was read', async () => {
		const shift = await create(event(nextDay(), '09:00', '10:00'));
		await patch(shift.id, { version: 1, location: 'Library' });
		const stale = await refusal(
			as(coordinator, () => calendar.remove(shift.id, 1, asCoordinator()))
		);
		expect(stale.status).toBe(409);
		await as(coordinator, () => calendar.remove(shift.id, 2, asCoordinator()));
		expect(await as(coordinator, () => calendar.get(shift.id, asCoordinator()))).toBeNull();
	});
});

describe('reassigning and notifying', () => {
	it('tells the old staff member it is off their roster and the new one it is on', async () => {
		const date = nextDay();
		const shift = await create(event(date, '09:00', '10:00'));
		const moved = await patch(shift.id, { version: 1, staffId: otherWorker.id });
		expect(moved.staffName).toBe('Ola Other');
		const old = await notificationsFor(worker.id, shift.id);
		expect(old.map((n) => n.title)).toEqual([
			'New shift: Personal care – Pip',
			'Shift taken off your roster: Personal care – Pip'
		]);
		const now = await notificationsFor(otherWorker.id, shift.id);
		expect(now.map((n) => n.title)).toEqual(['New shift: Personal care – Pip']);

		await patch(shift.id, {
			version: 2,
			startDatetime: at(date, '11:00'),
			endDatetime: at(date, '12:00')
		});
		await patch(shift.id, { version: 3, status: 'cancelled' });
		const later = await notificationsFor(otherWorker.id, shift.id);
		expect(later.map((n) => n.title)).toEqual([
			'New shift: Personal care – Pip',
			'Shift moved: Personal care – Pip',
			'Shift cancelled: Personal care – Pip'
		]);
		expect(later[1]!.message).toMatch(/now .*11:00–12:00 .*was .*09:00–10:00/);
	});
});

describe('weekly repeats', () => {
	it('creates every week at the same local time, across the change to daylight saving', async () => {
		// 2031-09-30 is a Tuesday; Sydney's clocks go forward on Sunday 2031-10-05.
		const input = calendar.recurringEventSchema.parse({
			title: 'Tuesday community access',
			staffId: otherWorker.id,
			participantId: otherParticipant.id,
			startDatetime: at('2031-09-30', '09:00'),
			endDatetime: at('2031-09-30', '12:00'),
			weeks: 12
		});
		const events = await as(coordinator, () => calendar.createRecurring(input, asCoordinator()));
		expect(events).toHaveLength(12);
		const local = events.map((e) => wallClock(e.startDatetime, ZONE));
		expect(local[0]).toBe('2031-09-30T09:00:00');
		expect(local[1]).toBe('2031-10-07T09:00:00');
		expect(local[11]).toBe('2031-12-16T09:00:00');
		expect(events.every((e) => wallClock(e.endDatetime, ZONE).endsWith('T12:00:00'))).toBe(true);
		const notes = await runAs(SYSTEM, () =>
			tx(() =>
				Notification.findAll({ where: { userId: otherWorker.id, relatedId: events[0]!.id } })
			)
		);
		expect(notes.map((n) => n.title)).toEqual(['12 weekly shifts added: Tuesday community access']);
	});

	it('creates none when some weeks clash, and names each clash', async () => {
		const first = nextDay();
		const third = addDay(first, 14);
		await create(event(third, '10:00', '11:00', { title: 'Dentist visit' }));
		const input = calendar.recurringEventSchema.parse({
			title: 'Weekly shopping',
			staffId: worker.id,
			startDatetime: at(first, '09:00'),
			endDatetime: at(first, '12:00'),
			weeks: 4
		});
		const clash = await refusal(
			as(coordinator, () => calendar.createRecurring(input, asCoordinator()))
		);
		expect(clash.status).toBe(409);
		expect(clash.message).toMatch(/^1 of 4 weeks clash, so none was created\. .*“Dentist visit”/);
		const made = await as(coordinator, () =>
			calendar.list(
				calendar.eventFilters.parse({ from: first, to: addDay(first, 28), staffId: worker.id }),
				asCoordinator()
			)
		);
		expect(made.data.map((e) => e.title)).toEqual(['Dentist visit']);
	});
});

describe('frontline staff', () => {
	it('see only their own events, may confirm them, and may not move them', async () => {
		const date = nextDay();
		const mine = await create(event(date, '09:00', '10:00'));
		const theirs = await create(event(date, '11:00', '12:00', { staffId: otherWorker.id }));
		const listed = await as(worker, () =>
			calendar.list(calendar.eventFilters.parse({ from: date, to: addDay(date) }), asWorker())
		);
		expect(listed.data.map((e) => e.id)).toEqual([mine.id]);
		expect(await as(worker, () => calendar.get(theirs.id, asWorker()))).toBeNull();

		const confirmed = await patch(mine.id, { version: 1, status: 'confirmed' }, asWorker());
		expect(confirmed.status).toBe('confirmed');
		const move = await refusal(
			patch(
				mine.id,
				{ version: 2, startDatetime: at(date, '13:00'), endDatetime: at(date, '14:00') },
				asWorker()
			)
		);
		expect(move.status).toBe(403);
		const cancel = await refusal(patch(mine.id, { version: 2, status: 'cancelled' }, asWorker()));
		expect(cancel.status).toBe(403);
		const other = await refusal(patch(theirs.id, { version: 1, status: 'confirmed' }, asWorker()));
		expect(other.status).toBe(404);
		// Nobody is notified of their own change.
		expect((await notificationsFor(coordinator.id, mine.id)).length).toBe(0);
	});

	it('pre-fill a session log only from a completed shift of their own', async () => {
		const past = '2026-07-08';
		const shift = await runAs(SYSTEM, () =>
			tx(() =>
				db().query<{ id: string }>(
					`INSERT INTO calendar_events (title, participant_id, staff_id, event_type, start_datetime, end_datetime, status, created_by)
					VALUES ('Community access – Pip', $1, $2, 'session', $3, $4, 'completed', $5) RETURNING id`,
					{
						bind: [participant.id, worker.id, at(past, '09:00'), at(past, '11:30'), coordinator.id],
						type: QueryTypes.SELECT
					}
				)
			)
		);
		const id = shift[0]!.id;
		const found = await as(worker, () => forSessionLog(id, worker.id));
		expect(found.ok && found.event.participantId).toBe(participant.id);
		const notMine = await as(otherWorker, () => forSessionLog(id, otherWorker.id));
		expect(notMine).toEqual({ ok: false, message: 'That shift is not on your roster' });
		const upcoming = await create(event(nextDay(), '09:00', '10:00'));
		const early = await as(worker, () => forSessionLog(upcoming.id, worker.id));
		expect(early).toEqual({ ok: false, message: 'Mark the shift completed before logging it' });
	});
});

describe('the visible range', () => {
	it('answers every event overlapping the range, overnight ones from the day before too', async () => {
		const date = nextDay();
		const overnight = await create(event(addDay(date, -1), '22:00', '06:00', { title: 'Night' }));
		const inside = await create(event(date, '09:00', '10:00', { title: 'Day' }));
		await create(event(addDay(date), '09:00', '10:00', { title: 'Tomorrow' }));
		const found = await as(coordinator, () =>
			calendar.list(
				calendar.eventFilters.parse({ from: date, to: addDay(date), staffId: worker.id }),
				asCoordinator()
			)
		);
		expect(found.data.map((e) => e.id)).toEqual([overnight.id, inside.id]);
		expect(found.total).toBe(2);
	});

	it('is answered by the GiST range index, also under row-level security', async () => {
		const query = `SELECT e.id FROM calendar_events e WHERE e.id IN
			(SELECT calendar_event_ids_in_range('2031-03-03T00:00:00Z', '2031-03-10T00:00:00Z'))`;
		const plan = async (sql: string) => {
			const client = await ownerClient();
			try {
				await client.query('BEGIN');
				// The test table is small enough that the planner would rather read it all.
				await client.query('SET LOCAL enable_seqscan = off');
				const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`);
				return rows.map((r) => r['QUERY PLAN']).join('\n');
			} finally {
				await client.query('ROLLBACK');
				await client.end();
			}
		};
		// Inside the function, as the owner: the range condition is an index condition.
		expect(
			await plan(`SELECT id FROM calendar_events WHERE tstzrange(start_datetime, end_datetime)
				&& tstzrange('2031-03-03T00:00:00Z', '2031-03-10T00:00:00Z')`)
		).toContain('calendar_events_span_idx');
		// And the app role's query only looks up the ids it answers, by primary key.
		const outer = await runAs({ userId: coordinator.id, role: 'support_coordinator' }, () =>
			tx(async (t) => {
				await db().query('SET LOCAL enable_seqscan = off', { transaction: t });
				return db().query<{ 'QUERY PLAN': string }>(`EXPLAIN ${query}`, {
					type: QueryTypes.SELECT,
					transaction: t
				});
			})
		);
		const text = outer.map((r) => r['QUERY PLAN']).join('\n');
		expect(text).toContain('calendar_event_ids_in_range');
		expect(text).toContain('calendar_events_pkey');
	});
});

describe('the private calendar feed', () => {
	it("serves the owner's own events only, keeps only a hash, and stops when revoked", async () => {
		// Within the feed's window (a month back, six months ahead).
		const soon = wallClock(new Date(Date.now() + 20 * 86_400_000), ZONE).slice(0, 10);
		await create(
			event(soon, '09:00', '10:00', {
				title: 'Feed; test, shift',
				description: 'Allergic to penicillin'
			})
		);
		await create(event(soon, '11:00', '12:00', { staffId: otherWorker.id, title: 'Not yours' }));
		const { token } = await as(worker, () => feeds.create(worker.id));
		const stored = await runAs(SYSTEM, () =>
			tx(() =>
				db().query<{ token_hash: string }>(
					`SELECT token_hash FROM calendar_feed_tokens WHERE user_id = $1`,
					{ bind: [worker.id], type: QueryTypes.SELECT }
				)
			)
		);
		expect(stored).toHaveLength(1);
		expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
		expect(stored[0]!.token_hash).not.toBe(token);

		const text = (await feeds.render(token))!;
		expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
		expect(text).toContain('SUMMARY:Feed\\; test\\, shift\r\n');
		expect(text).not.toContain('Not yours');
		expect(text).not.toContain('penicillin');
		expect(await feeds.status(worker.id)).toMatchObject({ active: true });

		expect(await feeds.render('a'.repeat(52))).toBeNull();
		expect(await feeds.render('../../etc/passwd')).toBeNull();
		// A new link replaces the old one.
		const { token: second } = await as(worker, () => feeds.create(worker.id));
		expect(await feeds.render(token)).toBeNull();
		expect(await as(worker, () => feeds.revoke(worker.id))).toBe(true);
		expect(await feeds.render(second)).toBeNull();
	});
});
