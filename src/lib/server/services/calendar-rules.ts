/**
 * The roster's rules, checked on the server for every new, moved or changed event: nobody in two
 * places at once (staff member or participant), nobody rostered while on leave or inactive, an end
 * after the start, and "completed" only once it has ended. Checks for one staff member or
 * participant run one writer at a time (advisory locks taken in a fixed order), so two coordinators
 * dropping shifts onto the same person at the same moment cannot both pass.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../db';
import { DEFAULT_TIME_ZONE } from '../time';
import type { CalendarEventDto } from '../../shared/calendar';
import { formatTime, formatWeekdayDate } from '../../shared/format';
import { wallClock } from '../../shared/zone';
import type { EventStatus, EventType } from '../../shared/enums';
import { MAX_EVENT_HOURS } from './calendar-event-schema';

/** A rule the event breaks: 400 (fields), 403, 404, 409 (clash, leave, stale version). */
export class CalendarRuleError extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 409,
		readonly code: 'validation' | 'forbidden' | 'not_found' | 'conflict',
		message: string,
		readonly fields?: Record<string, string>,
		/** For a stale version: the event as it is now, so the client can show it. */
		readonly current?: CalendarEventDto
	) {
		super(message);
	}
}

export const invalid = (fields: Record<string, string>) =>
	new CalendarRuleError(400, 'validation', describe(fields), fields);

/** The first field's problem as a sentence the board can show: "End must be after the start". */
function describe(fields: Record<string, string>): string {
	const labels: Record<string, string> = {
		endDatetime: 'End',
		startDatetime: 'Start',
		staffId: 'Staff member',
		participantId: 'Participant',
		status: 'Status'
	};
	const [field, message] = Object.entries(fields)[0]!;
	return `${labels[field] ?? field} ${message}`;
}

const conflict = (message: string, fields: Record<string, string>) =>
	new CalendarRuleError(409, 'conflict', message, fields);

/** Someone would be in two places at once: a 409 that belongs to one time, not to the event. */
export class ClashError extends CalendarRuleError {
	constructor(message: string, fields: Record<string, string>) {
		super(409, 'conflict', message, fields);
	}
}

/**
 * "Tue 4 Aug, 09:00–12:00", or "… 22:00–07:00 (next day)", in the provider's zone. Said in
 * notifications, which are stored once for readers whose 12- or 24-hour choice may change, and in
 * clash messages: always the 24-hour clock.
 */
export function formatSpan(start: Date | string, end: Date | string): string {
	const s = wallClock(start, DEFAULT_TIME_ZONE);
	const e = wallClock(end, DEFAULT_TIME_ZONE);
	const day = (wall: string) => formatWeekdayDate(wall, wall);
	const time = (wall: string) => formatTime(wall.slice(11, 16), '24h');
	const nextDay = s.slice(0, 10) !== e.slice(0, 10);
	return `${day(s)}, ${time(s)}–${time(e)}${nextDay ? ' (next day)' : ''}`;
}

export type RuleSubject = {
	title: string;
	participantId: string | null;
	staffId: string | null;
	eventType: EventType | null;
	startDatetime: Date;
	endDatetime: Date;
	status: EventStatus;
};

/** Checks that need no other record: times and the completed status. */
export function checkShape(v: RuleSubject): void {
	const start = v.startDatetime.getTime();
	const end = v.endDatetime.getTime();
	if (end <= start) throw invalid({ endDatetime: 'must be after the start' });
	if (end - start > MAX_EVENT_HOURS * 3600_000) {
		throw invalid({ endDatetime: `makes the event longer than ${MAX_EVENT_HOURS} hours` });
	}
	if (v.status === 'completed' && end > Date.now()) {
		throw invalid({ status: 'can be completed only once the event has ended' });
	}
}

type Person = { name: string; is_active: boolean; staff_status: string | null };

async function checkPeople(t: Transaction, v: RuleSubject): Promise<void> {
	if (v.staffId) {
		const [staff] = await db().query<Person>(
			`SELECT u.name, u.is_active, s.status AS staff_status
			FROM users u LEFT JOIN staff_members s ON s.user_id = u.id WHERE u.id = $1`,
			{ bind: [v.staffId], type: QueryTypes.SELECT, transaction: t }
		);
		if (!staff) throw invalid({ staffId: 'must be a staff member' });
		if (!staff.is_active || staff.staff_status === 'inactive') {
			throw conflict(`${staff.name} is inactive and cannot be rostered`, {
				staffId: `${staff.name} is inactive and cannot be rostered`
			});
		}
		if (staff.staff_status === 'on_leave') {
			throw conflict(`${staff.name} is on leave and cannot be rostered`, {
				staffId: `${staff.name} is on leave and cannot be rostered`
			});
		}
	}
	if (v.participantId) {
		const [participant] = await db().query<{ name: string; status: string }>(
			`SELECT name, status FROM participants WHERE id = $1`,
			{ bind: [v.participantId], type: QueryTypes.SELECT, transaction: t }
		);
		if (!participant) throw invalid({ participantId: 'must be a participant' });
		if (participant.status === 'inactive') {
			throw conflict(`${participant.name} is inactive and cannot be rostered`, {
				participantId: `${participant.name} is inactive and cannot be rostered`
			});
		}
	}
}

/** One writer at a time per staff member and per participant; keys in order, so no deadlock. */
async function lockPeople(t: Transaction, v: RuleSubject): Promise<void> {
	const keys = [
		v.staffId ? `staff:${v.staffId}` : null,
		v.participantId ? `participant:${v.participantId}` : null
	]
		.filter((k): k is string => k !== null)
		.sort();
	for (const key of keys) {
		await db().query(`SELECT pg_advisory_xact_lock(hashtext('calendar_events:' || $1))`, {
			bind: [key],
			transaction: t
		});
	}
}

type Clash = {
	id: string;
	title: string;
	staff_id: string | null;
	participant_id: string | null;
	start_datetime: string;
	end_datetime: string;
	staff_name: string | null;
	participant_name: string | null;
};

/**
 * Whether the event would put its staff member or participant in two places at once. Cancelled
 * events and reminders take no time, so they never clash. Uses the GiST range index.
 */
async function checkClashes(t: Transaction, v: RuleSubject, exceptId: string | null) {
	if (v.eventType === 'reminder' || (!v.staffId && !v.participantId)) return;
	const clashes = await db().query<Clash>(
		`SELECT e.id, e.title, e.staff_id, e.participant_id, e.start_datetime, e.end_datetime,
			u.name AS staff_name, p.name AS participant_name
		FROM calendar_events e
		LEFT JOIN users u ON u.id = e.staff_id
		LEFT JOIN participants p ON p.id = e.participant_id
		WHERE tstzrange(e.start_datetime, e.end_datetime) && tstzrange($1::timestamptz, $2::timestamptz)
			AND (e.staff_id = $3::uuid OR e.participant_id = $4::uuid)
			AND e.status <> 'cancelled' AND e.event_type IS DISTINCT FROM 'reminder'
			AND ($5::uuid IS NULL OR e.id <> $5::uuid)
		ORDER BY e.start_datetime LIMIT 5`,
		{
			bind: [
				v.startDatetime.toISOString(),
				v.endDatetime.toISOString(),
				v.staffId,
				v.participantId,
				exceptId
			],
			type: QueryTypes.SELECT,
			transaction: t
		}
	);
	const staffClash = clashes.find((c) => v.staffId && c.staff_id === v.staffId);
	if (staffClash) {
		const when = formatSpan(staffClash.start_datetime, staffClash.end_datetime);
		const message = `${staffClash.staff_name ?? 'This staff member'} is already rostered then: “${staffClash.title}”, ${when}`;
		throw new ClashError(message, { staffId: message });
	}
	const participantClash = clashes[0];
	if (participantClash) {
		const when = formatSpan(participantClash.start_datetime, participantClash.end_datetime);
		const withWhom = participantClash.staff_name ? ` with ${participantClash.staff_name}` : '';
		const message = `${participantClash.participant_name ?? 'This participant'} already has “${participantClash.title}”${withWhom} then, ${when}`;
		throw new ClashError(message, { participantId: message });
	}
}

/** Every rule, for an event that is new, moved, reassigned or brought back from cancelled. */
export async function checkRules(
	t: Transaction,
	v: RuleSubject,
	exceptId: string | null
): Promise<void> {
	checkShape(v);
	if (v.status === 'cancelled') return;
	await checkPeople(t, v);
	await lockPeople(t, v);
	await checkClashes(t, v, exceptId);
}
