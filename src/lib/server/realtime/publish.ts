/**
 * Sending Socket.IO events from anywhere: web routes and worker jobs alike publish through the
 * Redis emitter, and every web process's Redis adapter delivers them to its own sockets. So an
 * event reaches a user whichever process their socket is on, and a job needs no web server.
 *
 * Rooms: `user:<id>` (all of a user's tabs), `role:<role>`, `session:<sessionId>` (to drop the
 * sockets of a session that ended); wall displays join only `display` and their token's room. Who may receive an event is derived from the permission
 * policy (`audience`), never chosen ad hoc at the call site.
 */
import { Emitter } from '@socket.io/redis-emitter';
import { QueryTypes } from 'sequelize';
import { POLICY, type Resource } from '../auth/permissions';
import { config } from '../config';
import { db, tx } from '../db';
import { runAs, SYSTEM } from '../db/context';
import { logger } from '../logger';
import { send } from '../outbox';
import { redis } from '../redis';
import { USER_ROLES, type UserRole } from '../../shared/enums';
import type { ServerToClientEvents } from '../../shared/realtime';

export const userRoom = (userId: string) => `user:${userId}`;
export const roleRoom = (role: UserRole) => `role:${role}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Every wall display's socket, and nothing else: only aggregates are ever sent here. */
export const DISPLAY_ROOM = 'display';
export const displayTokenRoom = (tokenId: string) => `display-token:${tokenId}`;

/**
 * The Redis channel name the adapter (realtime/attach.ts) and the emitter share, under the
 * install's prefix: pub/sub ignores the database number, so without it two installs on one Redis
 * would deliver each other's events.
 */
export const REALTIME_CHANNEL_KEY = `${config.redisPrefix}:socket.io`;

let emitter: Emitter<ServerToClientEvents> | undefined;

/**
 * The emitter publishes and forgets (`redisClient.publish(…)` without awaiting): a publish that
 * failed while Redis was away became an unhandled rejection that ended the process. It is given
 * this stand-in client instead, which hands every publish's promise to whoever is emitting
 * (`emitting`), and otherwise logs its failure.
 */
let capture: Promise<unknown>[] | null = null;
const capturingClient = {
	publish(channel: string, message: string | Buffer): Promise<number> {
		const sending = redis().publish(channel, message);
		if (capture) capture.push(sending);
		else sending.catch((err: unknown) => logger.warn({ err }, 'a realtime publish failed'));
		return sending;
	}
};

function currentEmitter(): Emitter<ServerToClientEvents> {
	emitter ??= new Emitter<ServerToClientEvents>(capturingClient, { key: REALTIME_CHANNEL_KEY });
	return emitter;
}

/** Runs one emitter call (they are synchronous) and waits for the publishes it made. */
async function emitting(call: (e: Emitter<ServerToClientEvents>) => void): Promise<void> {
	const sent: Promise<unknown>[] = [];
	capture = sent;
	try {
		call(currentEmitter());
	} finally {
		capture = null;
	}
	await Promise.all(sent);
}

type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/**
 * Emits to the given rooms (each socket once, however many of the rooms it is in), through the
 * outbox (src/lib/server/outbox.ts): inside a transaction it is written with the change and sent
 * after the commit, so nobody hears of a change that was rolled back and a commit's events are not
 * lost while Redis is away; they go out, in order, when it is back. Never throws.
 */
export function publish<E extends EventName>(rooms: string[], event: E, payload: Payload<E>): void {
	if (rooms.length === 0) return;
	void send({ kind: 'event', name: event, rooms, payload });
}

/** Publishes one event now and resolves once Redis has taken it (the outbox's delivery). */
export function emitNow(rooms: string[], event: string, payload: unknown): Promise<void> {
	return emitting((e) =>
		// The emitter's generic signature cannot follow an event name read back from a row.
		(e.to(rooms).emit as (ev: string, p: unknown) => boolean)(event, payload)
	);
}

/**
 * Drops sockets in a room on every process. Best effort: while Redis is away it is logged and
 * not retried, and each process's sweep (realtime/attach.ts) drops a socket whose session has
 * ended within a minute anyway.
 */
function disconnectRoom(room: string, what: string): void {
	emitting((e) => e.in(room).disconnectSockets(true)).catch((err: unknown) =>
		logger.error({ err }, `dropping the sockets of ${what} failed`)
	);
}

/** Drops every socket of one sign-in session (signed out, expired, password changed). */
export function disconnectSession(sessionId: string): void {
	disconnectRoom(sessionRoom(sessionId), 'a session');
}

/** Drops every socket of a user (deactivated, all sessions ended). */
export function disconnectUser(userId: string): void {
	disconnectRoom(userRoom(userId), 'a user');
}

/** Drops every wall display socket using a token (revoked). */
export function disconnectDisplay(tokenId: string): void {
	disconnectRoom(displayTokenRoom(tokenId), 'a display token');
}

/** What a record's event is about, for deciding who may hear of it. */
export type Subject = {
	/** The users the record belongs to ('own' scope): its author, its staff member. */
	ownerIds?: (string | null | undefined)[];
	/** The participant it concerns ('assigned' scope). */
	participantId?: string | null;
};

/**
 * The rooms allowed to receive an event about a record of `resource`, by the policy's read scope:
 * roles that read every record get their role room; roles that read their own get the owners'
 * rooms; roles that read their participants' records get the rooms of the users assigned to that
 * participant who hold such a role.
 */
export async function audience(resource: Resource, subject: Subject): Promise<string[]> {
	const rooms = new Set<string>();
	const assignedRoles: UserRole[] = [];
	let ownersMayRead = false;
	for (const role of USER_ROLES) {
		const scope = POLICY[role][resource]?.read;
		if (scope === 'all') rooms.add(roleRoom(role));
		else if (scope === 'own') ownersMayRead = true;
		else if (scope === 'assigned') assignedRoles.push(role);
	}
	if (ownersMayRead) {
		for (const id of subject.ownerIds ?? []) if (id) rooms.add(userRoom(id));
	}
	if (assignedRoles.length > 0 && subject.participantId) {
		const rows = await runAs(SYSTEM, () =>
			tx((t) =>
				db().query<{ user_id: string }>(
					`SELECT ps.user_id FROM participant_staff ps JOIN users u ON u.id = ps.user_id
					WHERE ps.participant_id = $1 AND u.role = ANY($2::user_role[]) AND u.is_active`,
					{ bind: [subject.participantId, assignedRoles], type: QueryTypes.SELECT, transaction: t }
				)
			)
		);
		for (const row of rows) rooms.add(userRoom(row.user_id));
	}
	return [...rooms];
}

/**
 * `audience(resource, {participantId})` for many participants at once (a job's batch): one query
 * for the assigned staff of all of them instead of one per participant.
 */
export async function audienceByParticipant(
	resource: Resource,
	participantIds: string[]
): Promise<Map<string, string[]>> {
	const shared: string[] = [];
	const assignedRoles: UserRole[] = [];
	for (const role of USER_ROLES) {
		const scope = POLICY[role][resource]?.read;
		if (scope === 'all') shared.push(roleRoom(role));
		else if (scope === 'assigned') assignedRoles.push(role);
	}
	const rooms = new Map(participantIds.map((id) => [id, [...shared]]));
	if (assignedRoles.length > 0 && participantIds.length > 0) {
		const rows = await runAs(SYSTEM, () =>
			tx((t) =>
				db().query<{ participant_id: string; user_id: string }>(
					`SELECT ps.participant_id, ps.user_id FROM participant_staff ps JOIN users u ON u.id = ps.user_id
					WHERE ps.participant_id = ANY($1::uuid[]) AND u.role = ANY($2::user_role[]) AND u.is_active`,
					{ bind: [participantIds, assignedRoles], type: QueryTypes.SELECT, transaction: t }
				)
			)
		);
		for (const row of rows) rooms.get(row.participant_id)?.push(userRoom(row.user_id));
	}
	return rooms;
}
