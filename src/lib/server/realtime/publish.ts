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
import { currentTransaction, runAs, SYSTEM } from '../db/context';
import { logger } from '../logger';
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

function currentEmitter(): Emitter<ServerToClientEvents> {
	emitter ??= new Emitter<ServerToClientEvents>(redis(), { key: REALTIME_CHANNEL_KEY });
	return emitter;
}

type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/**
 * Emits to the given rooms (each socket once, however many of the rooms it is in). Inside a
 * transaction it waits for the commit, so nobody hears of a change that was rolled back; a failure
 * to publish is logged, never thrown: the change itself has already been saved.
 */
export function publish<E extends EventName>(rooms: string[], event: E, payload: Payload<E>): void {
	if (rooms.length === 0) return;
	const send = () => {
		try {
			// The emitter's generic signature cannot follow a union of event names; E keeps it typed here.
			(currentEmitter().to(rooms).emit as (e: E, p: Payload<E>) => boolean)(event, payload);
		} catch (err) {
			logger.error({ err, event }, 'publishing a realtime event failed');
		}
	};
	const open = currentTransaction();
	if (open) open.afterCommit(send);
	else send();
}

/** Drops every socket of one sign-in session (signed out, expired, password changed). */
export function disconnectSession(sessionId: string): void {
	try {
		currentEmitter().in(sessionRoom(sessionId)).disconnectSockets(true);
	} catch (err) {
		logger.error({ err }, 'dropping the sockets of a session failed');
	}
}

/** Drops every socket of a user (deactivated, all sessions ended). */
export function disconnectUser(userId: string): void {
	try {
		currentEmitter().in(userRoom(userId)).disconnectSockets(true);
	} catch (err) {
		logger.error({ err }, "dropping a user's sockets failed");
	}
}

/** Drops every wall display socket using a token (revoked). */
export function disconnectDisplay(tokenId: string): void {
	try {
		currentEmitter().in(displayTokenRoom(tokenId)).disconnectSockets(true);
	} catch (err) {
		logger.error({ err }, "dropping a display token's sockets failed");
	}
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
