/**
 * Sign-in sessions, after Lucia's guide: the cookie holds a random token, the database holds only
 * its SHA-256, so a leaked auth_sessions table cannot be replayed. Sessions have a fixed absolute
 * lifetime and an idle timeout (system settings); inactive users have no valid sessions.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { RequestEvent } from '@sveltejs/kit';
import { config } from '../config';
import { SYSTEM, runAs } from '../db/context';
import { tx } from '../db';
import { Op } from 'sequelize';
import { AuthSession, User } from '../db/models';
import { disconnectSession, disconnectUser } from '../realtime/publish';
import type { UserRole } from '../../shared/enums';
import { authSettings } from './settings';

export const SESSION_COOKIE = 'session';

export type SessionUser = { id: string; email: string; name: string; role: UserRole };
export type Session = { id: string; userId: string; expiresAt: Date; lastSeenAt: Date };
export type SessionValidation = { session: Session; user: SessionUser } | null;
export type Client = { ip?: string | null; userAgent?: string | null };

// Writing last_seen_at on every request would cost a write per request for no gain.
const TOUCH_INTERVAL_MS = 60_000;

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	token: string,
	userId: string,
	client: Client = {}
): Promise<Session> {
	const { absoluteTimeoutHours } = await authSettings();
	const now = new Date();
	const row = await tx(() =>
		AuthSession.create({
			id: sessionIdFromToken(token),
			userId,
			expiresAt: new Date(now.getTime() + absoluteTimeoutHours * 3_600_000),
			lastSeenAt: now,
			ipAddress: client.ip?.slice(0, 45) ?? null,
			userAgent: client.userAgent ?? null
		})
	);
	return { id: row.id, userId, expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt };
}

export async function validateSessionToken(token: string): Promise<SessionValidation> {
	const sessionId = sessionIdFromToken(token);
	const row = await AuthSession.findByPk(sessionId, {
		include: [{ model: User, as: 'user', required: true }]
	});
	if (!row) return null;
	const user = (row as AuthSession & { user: User }).user;
	const { idleTimeoutMinutes } = await authSettings();
	const now = Date.now();
	const idle = now - row.lastSeenAt.getTime() >= idleTimeoutMinutes * 60_000;
	if (now >= row.expiresAt.getTime() || idle || !user.isActive) {
		await invalidateSession(sessionId);
		return null;
	}
	let lastSeenAt = row.lastSeenAt;
	if (now - lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
		lastSeenAt = new Date(now);
		await runAs(SYSTEM, () =>
			tx(() => AuthSession.update({ lastSeenAt }, { where: { id: sessionId } }))
		);
	}
	return {
		session: { id: sessionId, userId: user.id, expiresAt: row.expiresAt, lastSeenAt },
		user: { id: user.id, email: user.email, name: user.name, role: user.role }
	};
}

// Ending a session also drops its live sockets, on every web process.
export async function invalidateSession(sessionId: string): Promise<void> {
	await runAs(SYSTEM, () => tx(() => AuthSession.destroy({ where: { id: sessionId } })));
	disconnectSession(sessionId);
}

export async function invalidateUserSessions(userId: string): Promise<void> {
	await runAs(SYSTEM, () => tx(() => AuthSession.destroy({ where: { userId } })));
	disconnectUser(userId);
}

/**
 * Which of these sessions are still valid, with their user's role as it is now, without counting
 * the question as activity: an open socket does not keep an idle session alive (realtime/attach.ts
 * asks this periodically, and drops a socket whose user's role is no longer the one it joined as).
 */
export async function liveSessionRoles(sessionIds: string[]): Promise<Map<string, UserRole>> {
	if (sessionIds.length === 0) return new Map();
	const { idleTimeoutMinutes } = await authSettings();
	const now = Date.now();
	const rows = await AuthSession.findAll({
		where: { id: { [Op.in]: sessionIds } },
		attributes: ['id', 'expiresAt', 'lastSeenAt'],
		include: [{ model: User, as: 'user', required: true, attributes: ['isActive', 'role'] }]
	});
	const live = new Map<string, UserRole>();
	for (const row of rows) {
		const user = (row as AuthSession & { user: User }).user;
		const idle = now - row.lastSeenAt.getTime() >= idleTimeoutMinutes * 60_000;
		if (user.isActive && !idle && now < row.expiresAt.getTime()) live.set(row.id, user.role);
	}
	return live;
}

/**
 * Secure only where the user sees the site over HTTPS: `npm run demo` runs production mode on
 * http://localhost, where a browser would not send a Secure cookie back over http (except to
 * localhost itself) and sign-in at 127.0.0.1 or a LAN name would loop. `event.url` is the origin
 * the user sees: ORIGIN, the proxy's headers, or the connection (http/origin.ts).
 */
function secureCookie(event: RequestEvent): boolean {
	return config.isProduction && event.url.protocol === 'https:';
}

export function setSessionTokenCookie(event: RequestEvent, token: string, expiresAt: Date): void {
	event.cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		expires: expiresAt,
		path: '/',
		secure: secureCookie(event)
	});
}

export function deleteSessionTokenCookie(event: RequestEvent): void {
	event.cookies.set(SESSION_COOKIE, '', {
		httpOnly: true,
		sameSite: 'lax',
		maxAge: 0,
		path: '/',
		secure: secureCookie(event)
	});
}
