/**
 * Session logs: what a worker delivered, and the coordinators' approval of it. Every call runs in
 * the caller's transaction (tx), so row-level security and the audit trigger apply; changes are
 * pushed live (`session-log:changed`, to whoever the policy lets read the session) and notify the
 * people who need to act or know, once the transaction commits.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { scopeOf, type Scope } from '../auth/permissions';
import { db, tx } from '../db';
import { NdisItemCode, Participant, ProgressNote, SessionLog, User } from '../db/models';
import { audience, publish } from '../realtime/publish';
import { requestBudgetRecompute } from '../budgets/queue';
import { PRICE_RANGES, priceInForceJoin, sessionValue } from '../budgets/recompute';
import { requestStaffStats } from '../staff/queue';
import { requestWallRefresh } from '../wall/push';
import { localDate, localInstant, addDays } from '../time';
import { formatWeekdayDate } from '../../shared/format';
import type { SessionStatus, UserRole } from '../../shared/enums';
import type { SessionLogEvent } from '../../shared/realtime';
import * as notifications from './notifications';
import * as participants from './participants';
import {
	durationHours,
	durationMinutes,
	formatDay,
	formatTimes,
	overlapMessage,
	overlaps,
	span,
	type NewSession,
	type SessionFilters,
	type SessionPatch
} from './session-log-schema';

export * from './session-log-schema';

/** Who acts: their id, role, and the scope the policy gave them for the action at hand. */
export type SessionActor = { id: string; role: UserRole; scope: Scope };

/** A rule the session breaks: 400 (fields), 404, 409 (clash, already reviewed). */
export class SessionRuleError extends Error {
	constructor(
		readonly status: 400 | 403 | 404 | 409,
		readonly code: 'validation' | 'forbidden' | 'not_found' | 'conflict',
		message: string,
		readonly fields?: Record<string, string>
	) {
		super(message);
	}
}

const invalid = (fields: Record<string, string>) =>
	new SessionRuleError(400, 'validation', 'Some fields need attention', fields);

export type SessionLogDto = {
	id: string;
	participantId: string;
	participantName: string | null;
	staffId: string;
	staffName: string | null;
	ndisItemCodeId: string | null;
	itemCode: string | null;
	itemDescription: string | null;
	serviceType: string;
	sessionDate: string;
	startTime: string;
	endTime: string;
	overnight: boolean;
	durationHours: string;
	/**
	 * Hours × the item's price in force on the session's date, as the budget counts it (a decimal
	 * string, to the cent); null without a support item. Catalogue prices are public, and only
	 * those who may read the session see it.
	 */
	value: string | null;
	travelKilometers: string;
	notes: string | null;
	outcomes: string | null;
	nextSteps: string | null;
	participantMood: string | null;
	challenges: string | null;
	achievements: string | null;
	status: SessionStatus;
	rejectionReason: string | null;
	approvedBy: string | null;
	approvedByName: string | null;
	approvedAt: string | null;
	createdAt: string;
	updatedAt: string;
};

type Row = Record<string, unknown> & {
	id: string;
	participant_id: string;
	staff_id: string;
	start_time: string;
	end_time: string;
	status: SessionStatus;
};

const SELECT = `
	WITH prices AS (${PRICE_RANGES})
	SELECT s.*, p.name AS participant_name, u.name AS staff_name, a.name AS approved_by_name,
		c.code AS item_code, c.description AS item_description,
		${sessionValue('s', 'pr', 'c')}::text AS session_value
	FROM session_logs s
	LEFT JOIN participants p ON p.id = s.participant_id
	LEFT JOIN users u ON u.id = s.staff_id
	LEFT JOIN users a ON a.id = s.approved_by
	LEFT JOIN ndis_item_codes c ON c.id = s.ndis_item_code_id
	${priceInForceJoin('s', 'pr')}`;

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toDto(r: Row): SessionLogDto {
	const startTime = r.start_time.slice(0, 5);
	const endTime = r.end_time.slice(0, 5);
	return {
		id: r.id,
		participantId: r.participant_id,
		participantName: text(r.participant_name),
		staffId: r.staff_id,
		staffName: text(r.staff_name),
		ndisItemCodeId: text(r.ndis_item_code_id),
		itemCode: text(r.item_code),
		itemDescription: text(r.item_description),
		serviceType: String(r.service_type),
		sessionDate: String(r.session_date),
		startTime,
		endTime,
		overnight: endTime <= startTime,
		durationHours: String(r.duration_hours),
		value: text(r.session_value),
		travelKilometers: String(r.travel_kilometers ?? '0.00'),
		notes: text(r.notes),
		outcomes: text(r.outcomes),
		nextSteps: text(r.next_steps),
		participantMood: text(r.participant_mood),
		challenges: text(r.challenges),
		achievements: text(r.achievements),
		status: r.status,
		rejectionReason: text(r.rejection_reason),
		approvedBy: text(r.approved_by),
		approvedByName: text(r.approved_by_name),
		approvedAt: iso(r.approved_at),
		createdAt: iso(r.created_at)!,
		updatedAt: iso(r.updated_at)!
	};
}

function toEvent(s: SessionLogDto, action: SessionLogEvent['action']): SessionLogEvent {
	return {
		id: s.id,
		status: s.status,
		participantId: s.participantId,
		staffId: s.staffId,
		sessionDate: s.sessionDate,
		approvedBy: s.approvedBy,
		approvedAt: s.approvedAt,
		action
	};
}

/** Tells everyone who may read this session that it changed (after the commit). */
async function announce(s: SessionLogDto, action: SessionLogEvent['action']): Promise<void> {
	const rooms = await audience('session-logs', {
		ownerIds: [s.staffId],
		participantId: s.participantId
	});
	publish(rooms, 'session-log:changed', toEvent(s, action));
	// The walls count sessions awaiting approval and approved today: they follow at once.
	requestWallRefresh();
}

async function select(t: Transaction, where: string, bind: unknown[], tail = '') {
	return db().query<Row>(`${SELECT} WHERE ${where} ${tail}`, {
		bind,
		type: QueryTypes.SELECT,
		transaction: t
	});
}

const SORT_COLUMNS: Record<string, string> = {
	sessionDate: 's.session_date',
	createdAt: 's.created_at',
	durationHours: 's.duration_hours'
};

export async function list(filters: SessionFilters, actor: SessionActor) {
	const where: string[] = [];
	const bind: unknown[] = [];
	const add = (clause: (n: string) => string, value: unknown) => {
		bind.push(value);
		where.push(clause(`$${bind.length}`));
	};
	if (actor.scope !== 'all') add((n) => `s.staff_id = ${n}`, actor.id);
	if (filters.status) add((n) => `s.status = ${n}`, filters.status);
	if (filters.participantId) add((n) => `s.participant_id = ${n}`, filters.participantId);
	if (filters.staffId) add((n) => `s.staff_id = ${n}`, filters.staffId);
	if (filters.from) add((n) => `s.session_date >= ${n}`, filters.from);
	if (filters.to) add((n) => `s.session_date <= ${n}`, filters.to);
	if (filters.q) {
		add(
			(n) => `(p.name ILIKE ${n} OR u.name ILIKE ${n} OR s.service_type ILIKE ${n})`,
			`%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
		);
	}
	const field = filters.sort.replace(/^-/, '');
	const direction = filters.sort.startsWith('-') ? 'DESC' : 'ASC';
	const order = `ORDER BY ${SORT_COLUMNS[field]} ${direction}, s.start_time ${direction}, s.id`;
	const condition = where.length > 0 ? where.join(' AND ') : 'true';
	return tx(async (t) => {
		const offset = (filters.page - 1) * filters.limit;
		const [rows, [counted]] = await Promise.all([
			select(t, condition, bind, `${order} LIMIT ${filters.limit} OFFSET ${offset}`),
			db().query<{ count: string }>(
				`SELECT count(*) FROM session_logs s
				LEFT JOIN participants p ON p.id = s.participant_id
				LEFT JOIN users u ON u.id = s.staff_id WHERE ${condition}`,
				{ bind, type: QueryTypes.SELECT, transaction: t }
			)
		]);
		return {
			data: rows.map(toDto),
			total: Number(counted?.count ?? 0),
			page: filters.page,
			limit: filters.limit
		};
	});
}

/** One session, or null when there is none or the actor may not see it (indistinguishable). */
export async function get(id: string, actor: SessionActor): Promise<SessionLogDto | null> {
	return tx(async (t) => {
		const rows =
			actor.scope === 'all'
				? await select(t, 's.id = $1', [id])
				: await select(t, 's.id = $1 AND s.staff_id = $2', [id, actor.id]);
		return rows[0] ? toDto(rows[0]) : null;
	});
}

type Times = { sessionDate: string; startTime: string; endTime: string };

/** The rules every new or changed session must meet, checked against stored records. */
async function checkRules(
	t: Transaction,
	values: Times & { participantId: string; staffId: string; ndisItemCodeId?: string | null },
	exceptId: string | null,
	actorId: string
): Promise<void> {
	const { sessionDate, startTime, endTime } = values;
	if (startTime === endTime) {
		throw invalid({
			endTime: 'must differ from the start time (an end before the start means the next day)'
		});
	}
	const minutes = durationMinutes(startTime, endTime);
	if (minutes > 24 * 60) throw invalid({ endTime: 'makes the session longer than 24 hours' });
	const overnight = endTime < startTime;
	const ends = localInstant(overnight ? addDays(sessionDate, 1) : sessionDate, endTime);
	if (ends.getTime() > Date.now()) {
		throw invalid({ sessionDate: 'is in the future: log a session once it has ended' });
	}

	const participant = await Participant.findByPk(values.participantId, {
		attributes: ['id', 'name', 'planStartDate', 'planEndDate'],
		transaction: t
	});
	if (!participant) throw invalid({ participantId: 'Choose a participant you work with' });
	const { planStartDate, planEndDate } = participant;
	if (
		(planStartDate && sessionDate < planStartDate) ||
		(planEndDate && sessionDate > planEndDate)
	) {
		throw invalid({
			sessionDate: `is outside ${participant.name}'s plan (${planStartDate ? formatDay(planStartDate) : '…'} to ${planEndDate ? formatDay(planEndDate) : '…'})`
		});
	}

	if (values.ndisItemCodeId !== undefined) {
		const code = values.ndisItemCodeId
			? await NdisItemCode.findByPk(values.ndisItemCodeId, {
					attributes: ['id', 'status'],
					transaction: t
				})
			: null;
		if (!code) throw invalid({ ndisItemCodeId: 'Choose a support item from the price list' });
		if (code.status !== 'active') {
			throw invalid({
				ndisItemCodeId: `is ${code.status} in the price list: choose a current item`
			});
		}
	}

	// One staff member's sessions are checked one writer at a time, so two simultaneous
	// submissions cannot both pass the overlap check.
	await db().query(`SELECT pg_advisory_xact_lock(hashtext('session_logs:' || $1))`, {
		bind: [values.staffId],
		transaction: t
	});
	const mine = span(sessionDate, startTime, endTime);
	const nearby = await select(
		t,
		`s.staff_id = $1 AND s.session_date BETWEEN $2 AND $3 AND s.status <> 'rejected'
		AND ($4::uuid IS NULL OR s.id <> $4::uuid)`,
		[values.staffId, addDays(sessionDate, -1), addDays(sessionDate, 1), exceptId]
	);
	for (const row of nearby) {
		const other = toDto(row);
		if (overlaps(mine, span(other.sessionDate, other.startTime, other.endTime))) {
			const whose = values.staffId === actorId ? 'your' : `${other.staffName ?? 'the worker'}’s`;
			const message = overlapMessage(other, whose, sessionDate);
			throw new SessionRuleError(409, 'conflict', message, { startTime: message });
		}
	}
}

/** Coordinators who should hear about a submission: the participant's, or else all of them. */
async function coordinatorsFor(t: Transaction, participantId: string): Promise<string[]> {
	const assigned = await db().query<{ id: string }>(
		`SELECT u.id FROM participant_staff ps JOIN users u ON u.id = ps.user_id
		WHERE ps.participant_id = $1 AND u.role = 'support_coordinator' AND u.is_active`,
		{ bind: [participantId], type: QueryTypes.SELECT, transaction: t }
	);
	if (assigned.length > 0) return assigned.map((r) => r.id);
	const all = await User.findAll({
		where: { role: 'support_coordinator', isActive: true },
		attributes: ['id'],
		transaction: t
	});
	return all.map((u) => u.id);
}

/**
 * "Kai White on Sat 21 Nov, 13:00–14:00" (the year said only when it is not this year's). A
 * notification is stored once and read later, by someone whose 12- or 24-hour choice may change
 * meanwhile, so its times stay on the 24-hour clock every reader understands.
 */
function describe(s: SessionLogDto): string {
	const day = formatWeekdayDate(s.sessionDate, localDate(new Date()));
	return `${s.participantName ?? 'a participant'} on ${day}, ${formatTimes(s.startTime, s.endTime)}`;
}

export async function create(input: NewSession, actor: SessionActor): Promise<SessionLogDto> {
	const participantScope = scopeOf(actor.role, 'participants', 'read');
	const visible =
		participantScope &&
		(await participants.get(input.participantId, { id: actor.id, scope: participantScope }));
	if (!visible) throw invalid({ participantId: 'Choose a participant you work with' });
	const staffId = input.staffId ?? actor.id;
	if (staffId !== actor.id && actor.scope !== 'all') {
		throw invalid({ staffId: 'you can only log your own sessions' });
	}
	return tx(async (t) => {
		if (staffId !== actor.id) {
			const staff = await User.findByPk(staffId, {
				attributes: ['id', 'isActive'],
				transaction: t
			});
			if (!staff?.isActive) throw invalid({ staffId: 'must be an active staff member' });
		}
		await checkRules(t, { ...input, staffId }, null, actor.id);
		const created = await SessionLog.create(
			{
				participantId: input.participantId,
				staffId,
				ndisItemCodeId: input.ndisItemCodeId,
				serviceType: input.serviceType,
				sessionDate: input.sessionDate,
				startTime: input.startTime,
				endTime: input.endTime,
				durationHours: durationHours(input.startTime, input.endTime),
				travelKilometers: input.travelKilometers ?? '0.00',
				notes: input.notes ?? null,
				outcomes: input.outcomes ?? null,
				nextSteps: input.nextSteps ?? null,
				participantMood: input.participantMood ?? null,
				challenges: input.challenges ?? null,
				achievements: input.achievements ?? null,
				rejectionReason: null,
				approvedBy: null,
				approvedAt: null
			},
			{ transaction: t }
		);
		if (input.progressNote) {
			await ProgressNote.create(
				{
					participantId: input.participantId,
					sessionLogId: created.id,
					sessionLogDate: created.sessionDate,
					workerId: staffId,
					date: input.sessionDate,
					sessionType: input.serviceType.slice(0, 100),
					duration: `${durationHours(input.startTime, input.endTime)} h`,
					notes: input.progressNote.notes,
					outcomes: input.progressNote.outcomes ?? []
				},
				{ transaction: t }
			);
		}
		const [row] = await select(t, 's.id = $1', [created.id]);
		const session = toDto(row!);
		await announce(session, 'created');
		if (actor.scope !== 'all') {
			await notifications.notify(await coordinatorsFor(t, session.participantId), {
				kind: 'session_submitted',
				type: 'info',
				title: `Session to approve: ${session.staffName ?? 'a worker'}`,
				message: `${session.staffName ?? 'A worker'} logged ${session.durationHours} h with ${describe(session)}.`,
				relatedTable: 'session_logs',
				relatedId: session.id,
				link: `/sessions/${session.id}`
			});
		}
		return session;
	});
}

/**
 * The session as the actor may change it, or why not. Changes to one session wait for each other
 * on an advisory lock taken before the row is read: a row lock alone is not enough, because an
 * edit that moves the session to another month moves the row to another partition, and a second
 * edit already waiting on the old row fails ("tuple to be locked was already moved to another
 * partition"). After the lock, each edit reads the row as the previous one committed it.
 */
async function editable(t: Transaction, id: string, actor: SessionActor): Promise<SessionLogDto> {
	await db().query(`SELECT pg_advisory_xact_lock(hashtext('session_log:' || $1::uuid::text))`, {
		bind: [id],
		transaction: t
	});
	const rows =
		actor.scope === 'all'
			? await select(t, 's.id = $1', [id], 'FOR UPDATE OF s')
			: await select(t, 's.id = $1 AND s.staff_id = $2', [id, actor.id], 'FOR UPDATE OF s');
	if (!rows[0]) throw new SessionRuleError(404, 'not_found', 'No such session log');
	const session = toDto(rows[0]);
	if (session.status === 'approved') {
		throw new SessionRuleError(
			409,
			'conflict',
			'This session has been approved and can no longer be changed'
		);
	}
	return session;
}

/**
 * Changes a pending (or rejected) session. A rejected session that is corrected goes back to the
 * queue as pending, without the old reason.
 */
export async function update(
	id: string,
	patch: SessionPatch,
	actor: SessionActor
): Promise<SessionLogDto> {
	return tx(async (t) => {
		const current = await editable(t, id, actor);
		const times = {
			sessionDate: patch.sessionDate ?? current.sessionDate,
			startTime: patch.startTime ?? current.startTime,
			endTime: patch.endTime ?? current.endTime
		};
		await checkRules(
			t,
			{
				...times,
				participantId: current.participantId,
				staffId: current.staffId,
				...(patch.ndisItemCodeId ? { ndisItemCodeId: patch.ndisItemCodeId } : {})
			},
			id,
			actor.id
		);
		const resubmitted = current.status === 'rejected';
		await SessionLog.update(
			{
				...patch,
				durationHours: durationHours(times.startTime, times.endTime),
				...(resubmitted
					? { status: 'pending', rejectionReason: null, approvedBy: null, approvedAt: null }
					: {})
			},
			{ where: { id }, transaction: t }
		);
		const [row] = await select(t, 's.id = $1', [id]);
		const session = toDto(row!);
		await announce(session, 'updated');
		requestBudgetRecompute([session.participantId]);
		if (resubmitted) {
			await notifications.notify(await coordinatorsFor(t, session.participantId), {
				kind: 'session_submitted',
				type: 'info',
				title: `Session corrected and resubmitted: ${session.staffName ?? 'a worker'}`,
				message: `${session.staffName ?? 'A worker'} corrected a rejected session with ${describe(session)}.`,
				relatedTable: 'session_logs',
				relatedId: session.id,
				link: `/sessions/${session.id}`
			});
		}
		return session;
	});
}

/** Deletes a session that has not been approved (its progress note keeps no link to it). */
export async function remove(id: string, actor: SessionActor): Promise<void> {
	await tx(async (t) => {
		const current = await editable(t, id, actor);
		await ProgressNote.update(
			{ sessionLogId: null, sessionLogDate: null },
			{ where: { sessionLogId: id }, transaction: t }
		);
		await SessionLog.destroy({ where: { id }, transaction: t });
		await announce(current, 'deleted');
		requestBudgetRecompute([current.participantId]);
	});
}

export type ReviewOutcome =
	| { id: string; ok: true; session: SessionLogDto }
	| { id: string; ok: false; status: 404 | 409; message: string };

/**
 * Approves or rejects pending sessions, each at most once; approved_by and approved_at record who
 * reviewed it and when, whichever the outcome (as the demo data and the audit trail read them): the update only touches rows still
 * pending, so two coordinators acting at once cannot both review the same session. Nobody reviews
 * their own session.
 */
export async function review(
	ids: string[],
	decision: { action: 'approve' } | { action: 'reject'; reason: string },
	actor: SessionActor
): Promise<ReviewOutcome[]> {
	const unique = [...new Set(ids)];
	return tx(async (t) => {
		const approving = decision.action === 'approve';
		// The same per-session locks an edit takes (see editable), in one order so that two bulk
		// reviews cannot deadlock: a review never meets a row an edit is moving between months.
		await db().query(
			`SELECT pg_advisory_xact_lock(hashtext('session_log:' || id))
			FROM (SELECT DISTINCT unnest($1::uuid[])::text AS id ORDER BY 1) AS ids`,
			{ bind: [unique], transaction: t }
		);
		const changed = await db().query<{ id: string }>(
			`UPDATE session_logs SET status = $2::session_status,
				approved_by = $3::uuid, approved_at = now(),
				rejection_reason = $4, updated_at = now()
			WHERE id = ANY($1::uuid[]) AND status = 'pending' AND staff_id <> $3::uuid
			RETURNING id`,
			{
				bind: [
					unique,
					approving ? 'approved' : 'rejected',
					actor.id,
					approving ? null : decision.reason
				],
				type: QueryTypes.SELECT,
				transaction: t
			}
		);
		const done = new Set(changed.map((r) => r.id));
		const rows = unique.length > 0 ? await select(t, 's.id = ANY($1::uuid[])', [unique]) : [];
		const byId = new Map(rows.map((r) => [r.id, toDto(r)]));
		const outcomes: ReviewOutcome[] = [];
		for (const id of unique) {
			const session = byId.get(id);
			if (!session) {
				outcomes.push({ id, ok: false, status: 404, message: 'No such session log' });
			} else if (!done.has(id)) {
				const message =
					session.staffId === actor.id && session.status === 'pending'
						? 'You cannot review your own session; another coordinator must'
						: session.status === 'approved'
							? `Already approved${session.approvedByName ? ` by ${session.approvedByName}` : ''}`
							: 'Already rejected';
				outcomes.push({ id, ok: false, status: 409, message });
			} else {
				outcomes.push({ id, ok: true, session });
				await announce(session, approving ? 'approved' : 'rejected');
				await notifications.notify([session.staffId], {
					kind: approving ? 'session_approved' : 'session_rejected',
					type: approving ? 'success' : 'warning',
					title: approving ? 'Session approved' : 'Session rejected',
					message: approving
						? `Your session with ${describe(session)} was approved.`
						: `Your session with ${describe(session)} was rejected: ${decision.action === 'reject' ? decision.reason : ''}`,
					relatedTable: 'session_logs',
					relatedId: session.id,
					link: `/sessions/${session.id}`
				});
			}
		}
		// The participants' budgets and the workers' hours follow within a second (after commit).
		const reviewed = outcomes.flatMap((o) => (o.ok ? [o.session] : []));
		requestBudgetRecompute(reviewed.map((s) => s.participantId));
		if (approving) requestStaffStats(reviewed.map((s) => s.staffId));
		return outcomes;
	});
}

/** What the log form offers: the participants the actor may log for, and the active items. */
export async function formOptions(actor: { id: string; role: UserRole }) {
	const participantScope = scopeOf(actor.role, 'participants', 'read');
	return tx(async (t) => {
		const people = participantScope
			? await db().query<{
					id: string;
					name: string;
					plan_start_date: string | null;
					plan_end_date: string | null;
				}>(
					participantScope === 'all'
						? `SELECT id, name, plan_start_date, plan_end_date FROM participants WHERE status <> 'inactive' ORDER BY name LIMIT 500`
						: `SELECT p.id, p.name, p.plan_start_date, p.plan_end_date FROM participants p
							JOIN participant_staff ps ON ps.participant_id = p.id AND ps.user_id = $1
							WHERE p.status <> 'inactive' ORDER BY p.name`,
					{
						bind: participantScope === 'all' ? [] : [actor.id],
						type: QueryTypes.SELECT,
						transaction: t
					}
				)
			: [];
		return {
			participants: people.map((p) => ({
				id: p.id,
				name: p.name,
				planStartDate: p.plan_start_date,
				planEndDate: p.plan_end_date
			}))
		};
	});
}
