/**
 * Sessions as a signed-in user lives them: the cookie's token opens the session, the database never
 * holds the token, and a session ends when it is idle too long, too old, signed out, or its user
 * changes password or is deactivated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, tx } from '../db';
import { SYSTEM, runAs } from '../db/context';
import { AuthSession, User } from '../db/models';
import type { UserRole } from '../../shared/enums';
import { changePassword, deactivateUser } from './account';
import { setUserActive } from './credentials';
import { hashPassword } from './password';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	sessionIdFromToken,
	validateSessionToken
} from './session';

const asSystem = <T>(fn: () => Promise<T>) => runAs(SYSTEM, () => tx(fn));
let passwordHash: string;
let counter = 0;

function newUser(role: UserRole = 'support_worker') {
	return asSystem(() =>
		User.create({
			email: `session-${Date.now().toString(36)}-${++counter}@test.example`,
			passwordHash,
			name: 'Session Tester',
			role,
			phone: null,
			avatarUrl: null,
			lastLogin: null
		})
	);
}

async function openSession(userId: string) {
	const token = generateSessionToken();
	const session = await asSystem(() => createSession(token, userId, { ip: '203.0.113.9' }));
	return { token, session };
}

const stored = (id: string) => asSystem(() => AuthSession.findByPk(id));

beforeAll(async () => {
	passwordHash = await hashPassword('correct horse battery staple');
});
afterAll(closeDb);

describe('sessions', () => {
	it('issues an unguessable token and stores only its hash', async () => {
		const user = await newUser();
		const { token, session } = await openSession(user.id);
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(session.id).toBe(sessionIdFromToken(token));
		expect(session.id).toMatch(/^[0-9a-f]{64}$/);
		expect(await stored(token)).toBeNull();
		expect(await stored(session.id)).not.toBeNull();

		const valid = await validateSessionToken(token);
		expect(valid?.user).toEqual({
			id: user.id,
			email: user.email,
			name: 'Session Tester',
			role: 'support_worker'
		});
		// Twelve hours from sign-in by default, whatever the activity.
		const hours = (session.expiresAt.getTime() - Date.now()) / 3_600_000;
		expect(hours).toBeGreaterThan(11.9);
		expect(hours).toBeLessThanOrEqual(12);
	});

	it('refuses a made-up token', async () => {
		expect(await validateSessionToken(generateSessionToken())).toBeNull();
	});

	it('ends a session idle for longer than the idle timeout', async () => {
		const user = await newUser();
		const { token, session } = await openSession(user.id);
		const lastSeenAt = new Date(Date.now() - 31 * 60_000);
		await asSystem(() => AuthSession.update({ lastSeenAt }, { where: { id: session.id } }));
		expect(await validateSessionToken(token)).toBeNull();
		expect(await stored(session.id)).toBeNull();
	});

	it('keeps an active session alive and records when it was last seen', async () => {
		const user = await newUser();
		const { token, session } = await openSession(user.id);
		const lastSeenAt = new Date(Date.now() - 20 * 60_000);
		await asSystem(() => AuthSession.update({ lastSeenAt }, { where: { id: session.id } }));
		const valid = await validateSessionToken(token);
		expect(valid).not.toBeNull();
		const row = await stored(session.id);
		expect(Date.now() - row!.lastSeenAt.getTime()).toBeLessThan(10_000);
	});

	it('ends a session past its absolute lifetime even while active', async () => {
		const user = await newUser();
		const { token, session } = await openSession(user.id);
		const expiresAt = new Date(Date.now() - 1_000);
		await asSystem(() => AuthSession.update({ expiresAt }, { where: { id: session.id } }));
		expect(await validateSessionToken(token)).toBeNull();
		expect(await stored(session.id)).toBeNull();
	});

	it('ends a session on sign-out', async () => {
		const user = await newUser();
		const { token, session } = await openSession(user.id);
		await invalidateSession(session.id);
		expect(await validateSessionToken(token)).toBeNull();
	});

	it('ends every session of a user at once', async () => {
		const user = await newUser();
		const other = await newUser();
		const phone = await openSession(user.id);
		const laptop = await openSession(user.id);
		const someoneElse = await openSession(other.id);
		await invalidateUserSessions(user.id);
		expect(await validateSessionToken(phone.token)).toBeNull();
		expect(await validateSessionToken(laptop.token)).toBeNull();
		expect(await validateSessionToken(someoneElse.token)).not.toBeNull();
	});

	it('ends every session when the password changes', async () => {
		const user = await newUser();
		const { token } = await openSession(user.id);
		await runAs({ userId: user.id, role: user.role }, () => changePassword(user.id, 'a new one!'));
		expect(await validateSessionToken(token)).toBeNull();
	});

	it('ends every session when the user is deactivated, and refuses their old token', async () => {
		const admin = await newUser('super_admin');
		const user = await newUser();
		const { token, session } = await openSession(user.id);
		await runAs({ userId: admin.id, role: 'super_admin' }, () => deactivateUser(user.id));
		expect(await stored(session.id)).toBeNull();
		expect(await validateSessionToken(token)).toBeNull();
		await asSystem(() => setUserActive(admin.id, false));
	});

	it('refuses a session whose user became inactive by other means', async () => {
		const user = await newUser();
		const { token } = await openSession(user.id);
		await asSystem(() => setUserActive(user.id, false));
		expect(await validateSessionToken(token)).toBeNull();
	});
});
