/**
 * The roster: calendar events, listed by visible range, created (one or weekly), moved, edited and
 * deleted. Every call runs in the caller's transaction (tx), so row-level security and the audit
 * trigger apply. Each change carries a version: an edit made against an old one is refused (409,
 * with the current record), never silently applied. Changes go out live (`calendar:changed`, to
 * whoever the policy lets read the event) and tell the staff member concerned, after the commit.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { db, tx } from '../db';
import { CalendarEvent } from '../db/models';
import { audience, publish } from '../realtime/publish';
import { DEFAULT_TIME_ZONE, startOfLocalDay } from '../time';
import type { Scope } from '../auth/permissions';
import type { CalendarChange, CalendarEventDto } from '../../shared/calendar';
import type { EventStatus, EventType, UserRole } from '../../shared/enums';
import { addDaysToWall, fromWallClock, wallClock } from '../../shared/zone';
import {
	isPlainDate,
	MAX_RANGE_EVENTS,
	type EventFilters,
	type EventPatch,
	type NewEvent,
	type RecurringEvent
} from './calendar-event-schema';
import {
	CalendarRuleError,
	ClashError,
	checkRules,
	checkShape,
	formatSpan
} from './calendar-rules';
import { tellStaff } from './calendar-notices';

export * from './calendar-event-schema';
export { CalendarRuleError, formatSpan } from './calendar-rules';

/** Who acts: their id, role, and the scope the policy gave them for the action at hand. */
export type CalendarActor = { id: string; role: UserRole; scope: Scope };

type Row = {
	id: string;
	title: string;
	description: string | null;
	participant_id: string | null;
	participant_name: string | null;
	staff_id: string | null;
	staff_name: string | null;
	event_type: EventType | null;
	start_datetime: Date | string;
	end_datetime: Date | string;
	location: string | null;
	status: EventStatus | null;
	version: number;
	created_by: string;
	created_at: Date | string;
	updated_at: Date | string;
	total_count?: string;
};

const COLUMNS = `e.id, e.title, e.description, e.participant_id, e.staff_id, e.event_type,
	e.start_datetime, e.end_datetime, e.location, e.status, e.version, e.created_by, e.created_at,
	e.updated_at, p.name AS participant_name, u.name AS staff_name`;
const FROM = `FROM calendar_events e
	LEFT JOIN participants p ON p.id = e.participant_id
	LEFT JOIN users u ON u.id = e.staff_id`;

const iso = (v: Date | string) => new Date(v).toISOString();

export function toDto(r: Row): CalendarEventDto {
	return {
		id: r.id,
		title: r.title,
		description: r.description,
		participantId: r.participant_id,
		participantName: r.participant_name,
		staffId: r.staff_id,
		staffName: r.staff_name,
		eventType: r.event_type,
		startDatetime: iso(r.start_datetime),
		endDatetime: iso(r.end_datetime),
		location: r.location,
		status: r.status ?? 'scheduled',
		version: r.version,
		createdBy: r.created_by,
		createdAt: iso(r.created_at),
		updatedAt: iso(r.updated_at)
	};
}

async function select(t: Transaction, where: string, bind: unknown[], tail = '') {
	return db().query<Row>(`SELECT ${COLUMNS} ${FROM} WHERE ${where} ${tail}`, {
		bind,
		type: QueryTypes.SELECT,
		transaction: t
	});
}

/**
 * Tells everyone who may read the event that it changed (after the commit). When an event moves
 * to another staff member, those who could see it only as the old one's hear that it is gone.
 */
async function announce(
	action: CalendarChange['action'],
	event: CalendarEventDto,
	before?: CalendarEventDto
): Promise<void> {
	const rooms = await audience('calendar-events', {
		ownerIds: [event.staffId],
		participantId: event.participantId
	});
	publish(rooms, 'calendar:changed', { action, event });
	if (before && before.staffId !== event.staffId) {
		const earlier = await audience('calendar-events', {
			ownerIds: [before.staffId],
			participantId: before.participantId
		});
		const gone = earlier.filter((room) => !rooms.includes(room));
		publish(gone, 'calendar:changed', { action: 'deleted', event: before });
	}
}

/** A list bound: an instant as given, or a plain date as the start of that local day. */
function instantOf(bound: string): string {
	return isPlainDate(bound) ? startOfLocalDay(bound).toISOString() : new Date(bound).toISOString();
}

export async function list(filters: EventFilters, actor: CalendarActor) {
	const where: string[] = [];
	const bind: unknown[] = [];
	const add = (clause: (n: string) => string, value: unknown) => {
		bind.push(value);
		where.push(clause(`$${bind.length}`));
	};
	if (actor.scope !== 'all') add((n) => `e.staff_id = ${n}::uuid`, actor.id);
	const ranged = filters.from !== undefined && filters.to !== undefined;
	if (ranged) {
		// Through the GiST index calendar_events_span_idx: row-level security would keep the index
		// from answering && here (see migrations/0010_roster.ts).
		bind.push(instantOf(filters.from!), instantOf(filters.to!));
		where.push(
			`e.id IN (SELECT calendar_event_ids_in_range($${bind.length - 1}::timestamptz, $${bind.length}::timestamptz))`
		);
	}
	if (filters.staffId?.length) add((n) => `e.staff_id = ANY(${n}::uuid[])`, filters.staffId);
	if (filters.participantId?.length) {
		add((n) => `e.participant_id = ANY(${n}::uuid[])`, filters.participantId);
	}
	if (filters.eventType?.length) {
		add((n) => `e.event_type = ANY(${n}::event_type[])`, filters.eventType);
	}
	if (filters.status?.length) add((n) => `e.status = ANY(${n}::event_status[])`, filters.status);
	if (filters.q) {
		add(
			(n) => `(e.title ILIKE ${n} OR p.name ILIKE ${n} OR e.location ILIKE ${n})`,
			`%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
		);
	}
	const limit = filters.limit ?? (ranged ? MAX_RANGE_EVENTS : 25);
	const offset = (filters.page - 1) * limit;
	const direction = filters.sort.startsWith('-') ? 'DESC' : 'ASC';
	const column = filters.sort.replace(/^-/, '') === 'start' ? 'e.start_datetime' : 'e.created_at';
	const condition = where.length > 0 ? where.join(' AND ') : 'true';
	return tx(async (t) => {
		// One round trip: the rows of the page and, beside each, how many match in all.
		const rows = await db().query<Row>(
			`SELECT ${COLUMNS}, count(*) OVER () AS total_count ${FROM} WHERE ${condition}
			ORDER BY ${column} ${direction}, e.id LIMIT ${limit} OFFSET ${offset}`,
			{ bind, type: QueryTypes.SELECT, transaction: t }
		);
		let total = Number(rows[0]?.total_count ?? 0);
		if (rows.length === 0 && offset > 0) {
			const [counted] = await db().query<{ count: string }>(
				`SELECT count(*) ${FROM} WHERE ${condition}`,
				{ bind, type: QueryTypes.SELECT, transaction: t }
			);
			total = Number(counted?.count ?? 0);
		}
		return { data: rows.map(toDto), total, page: filters.page, limit };
	});
}

/** One event, or null when there is none or the actor may not see it (indistinguishable). */
export async function get(id: string, actor: CalendarActor): Promise<CalendarEventDto | null> {
	return tx(async (t) => {
		const rows =
			actor.scope === 'all'
				? await select(t, 'e.id = $1', [id])
				: await select(t, 'e.id = $1 AND e.staff_id = $2', [id, actor.id]);
		return rows[0] ? toDto(rows[0]) : null;
	});
}

function values(input: NewEvent, actor: CalendarActor) {
	return {
		title: input.title,
		description: input.description ?? null,
		participantId: input.participantId ?? null,
		staffId: input.staffId ?? null,
		eventType: input.eventType,
		startDatetime: input.startDatetime,
		endDatetime: input.endDatetime,
		location: input.location ?? null,
		status: input.status,
		createdBy: actor.id
	};
}

async function insert(t: Transaction, row: ReturnType<typeof values>): Promise<CalendarEventDto> {
	const created = await CalendarEvent.create(row, { transaction: t });
	const [found] = await select(t, 'e.id = $1', [created.id]);
	return toDto(found!);
}

export async function create(input: NewEvent, actor: CalendarActor): Promise<CalendarEventDto> {
	return tx(async (t) => {
		const row = values(input, actor);
		await checkRules(t, row, null);
		const event = await insert(t, row);
		await announce('created', event);
		await tellStaff(actor, { after: event });
		return event;
	});
}

/**
 * The same weekday and wall-clock times for `weeks` weeks (09:00 stays 09:00 across a daylight
 * saving change), all or nothing: when some weeks clash, none is created and every clash is named.
 */
export async function createRecurring(
	input: RecurringEvent,
	actor: CalendarActor
): Promise<CalendarEventDto[]> {
	const { weeks, ...first } = input;
	const zone = DEFAULT_TIME_ZONE;
	const startWall = wallClock(first.startDatetime, zone);
	const endWall = wallClock(first.endDatetime, zone);
	return tx(async (t) => {
		const rows = Array.from({ length: weeks }, (_, week) => ({
			...values(first, actor),
			startDatetime: fromWallClock(addDaysToWall(startWall, week * 7), zone),
			endDatetime: fromWallClock(addDaysToWall(endWall, week * 7), zone)
		}));
		const clashes: string[] = [];
		for (const row of rows) {
			try {
				await checkRules(t, row, null);
			} catch (err) {
				// A clash belongs to one week; anything else (on leave, a bad field) to them all.
				if (!(err instanceof ClashError)) throw err;
				clashes.push(`${formatSpan(row.startDatetime, row.endDatetime)}: ${err.message}`);
			}
		}
		if (clashes.length > 0) {
			const message = `${clashes.length} of ${weeks} weeks clash, so none was created. ${clashes.join('; ')}`;
			throw new CalendarRuleError(409, 'conflict', message, { startDatetime: message });
		}
		const events: CalendarEventDto[] = [];
		for (const row of rows) events.push(await insert(t, row));
		for (const event of events) await announce('created', event);
		await tellStaff(actor, { after: events[0]!, weeks });
		return events;
	});
}

const FRONTLINE_STATUSES: EventStatus[] = ['confirmed', 'completed'];

/** The event as the actor may change it (locked until the commit), or why not. */
async function editable(t: Transaction, id: string, actor: CalendarActor, version?: number) {
	const rows =
		actor.scope === 'all'
			? await select(t, 'e.id = $1', [id], 'FOR UPDATE OF e')
			: await select(t, 'e.id = $1 AND e.staff_id = $2', [id, actor.id], 'FOR UPDATE OF e');
	if (!rows[0]) throw new CalendarRuleError(404, 'not_found', 'No such calendar event');
	const current = toDto(rows[0]);
	if (version !== undefined && version !== current.version) {
		throw new CalendarRuleError(
			409,
			'conflict',
			`Someone else changed this event after you opened it (it is now at version ${current.version}). The board shows it as it is now; make your change again if it is still needed.`,
			{ version: `is ${version}, but the event is now at version ${current.version}` },
			current
		);
	}
	return current;
}

/**
 * Frontline staff may confirm their own shift or mark it completed; times, people and cancelling
 * are the coordinators'.
 */
function checkFrontline(patch: EventPatch, current: CalendarEventDto) {
	const changed = Object.keys(patch).filter((k) => k !== 'version');
	const others = changed.filter((k) => k !== 'status');
	if (others.length > 0 || (patch.status && !FRONTLINE_STATUSES.includes(patch.status))) {
		throw new CalendarRuleError(
			403,
			'forbidden',
			'You can confirm your shift or mark it completed; ask a coordinator to change anything else'
		);
	}
	if (current.status === 'cancelled') {
		throw new CalendarRuleError(409, 'conflict', 'This shift was cancelled by a coordinator');
	}
}

export async function update(
	id: string,
	patch: EventPatch,
	actor: CalendarActor
): Promise<CalendarEventDto> {
	return tx(async (t) => {
		const current = await editable(t, id, actor, patch.version);
		if (actor.scope !== 'all') checkFrontline(patch, current);
		const { version: _version, ...changes } = patch;
		const next = {
			title: changes.title ?? current.title,
			participantId:
				changes.participantId === undefined ? current.participantId : changes.participantId,
			staffId: changes.staffId === undefined ? current.staffId : changes.staffId,
			eventType: changes.eventType ?? current.eventType,
			startDatetime: changes.startDatetime ?? new Date(current.startDatetime),
			endDatetime: changes.endDatetime ?? new Date(current.endDatetime),
			status: changes.status ?? current.status
		};
		const moved =
			next.startDatetime.getTime() !== Date.parse(current.startDatetime) ||
			next.endDatetime.getTime() !== Date.parse(current.endDatetime) ||
			next.staffId !== current.staffId ||
			next.participantId !== current.participantId ||
			(current.status === 'cancelled' && next.status !== 'cancelled') ||
			(current.eventType === 'reminder' && next.eventType !== 'reminder');
		if (moved) await checkRules(t, next, id);
		else checkShape(next);
		await CalendarEvent.update(
			{ ...changes, version: current.version + 1 },
			{ where: { id, version: current.version }, transaction: t }
		);
		const [row] = await select(t, 'e.id = $1', [id]);
		const event = toDto(row!);
		await announce('updated', event, current);
		await tellStaff(actor, { before: current, after: event });
		return event;
	});
}

/** Deletes an event; with `version`, only if nobody changed it since that version was read. */
export async function remove(id: string, version: number | undefined, actor: CalendarActor) {
	await tx(async (t) => {
		const current = await editable(t, id, actor, version);
		await CalendarEvent.destroy({ where: { id }, transaction: t });
		await announce('deleted', current);
		await tellStaff(actor, { before: current });
	});
}

/** A completed event the actor worked, for pre-filling a session log (null: not one of theirs). */
export async function forSessionLog(id: string, actorId: string) {
	const event = await get(id, { id: actorId, role: 'support_worker', scope: 'own' });
	if (!event) return { ok: false as const, message: 'That shift is not on your roster' };
	if (event.status !== 'completed') {
		return { ok: false as const, message: 'Mark the shift completed before logging it' };
	}
	if (!event.participantId) {
		return { ok: false as const, message: 'That shift has no participant to log a session for' };
	}
	return { ok: true as const, event };
}
