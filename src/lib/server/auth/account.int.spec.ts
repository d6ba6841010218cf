/**
 * What people expected to do with accounts, against the real database and Redis: an administrator
 * unlocks an account locked by failed sign-ins (audited with the change, and the person signs in
 * at once), and everyone changes their own details and password (the current password first,
 * every other session ended, audited).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSmtp } from '../../../../tests/smtp';
import { unique } from '../../../../tests/fixtures';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM, type Actor } from '../db/context';
import { AuditLog, AuthSession, User } from '../db/models';
import { settleMail } from '../mail';
import * as users from '../services/users';
import type { UserRole } from '../../shared/enums';
import { changeOwnPassword, OWN_PASSWORD_LIMIT } from './account';
import { signIn } from './login';
import { setUserActive } from './credentials';
import { hashPassword } from './password';
import { resetLimit } from './rate-limit';
import { changePasswordSchema } from './schemas';
import { createSession, generateSessionToken, sessionIdFromToken } from './session';

const PASSWORD = 'account test password 2026';
const asSystem = <T>(fn: () => Promise<T>) => runAs(SYSTEM, () => tx(fn));
let passwordHash: string;
let admin: User;
let asAdmin: Actor;
let counter = 0;
// Each sign-in test uses its own address, so no per-address count is shared with other tests.
const freshIp = () => `10.77.${Math.floor(Math.random() * 250)}.${++counter % 250}`;
const smtp = testSmtp();
const createdAdmins: string[] = [];

async function newUser(role: UserRole = 'support_worker') {
	const user = await asSystem(() =>
		User.create({
			email: `${unique('account')}@test.example`,
			passwordHash,
			name: 'Account Tester',
			role,
			phone: null,
			avatarUrl: null,
			lastLogin: null
		})
	);
	if (role === 'super_admin') createdAdmins.push(user.id);
	return user;
}

const auditRows = (action: string, recordId: string) =>
	asSystem(() => AuditLog.findAll({ where: { action, recordId }, order: [['createdAt', 'ASC']] }));

async function openSession(userId: string) {
	const token = generateSessionToken();
	await asSystem(() => createSession(token, userId, {}));
	return sessionIdFromToken(token);
}

beforeAll(async () => {
	passwordHash = await hashPassword(PASSWORD);
	await smtp.start();
	admin = await newUser('super_admin');
	asAdmin = { userId: admin.id, role: 'super_admin', ip: '198.51.100.21' };
});

afterAll(async () => {
	await settleMail();
	// Test admins would otherwise receive every later run's lock-out alerts.
	await asSystem(async () => {
		for (const id of createdAdmins) await setUserActive(id, false);
	});
	await smtp.stop();
	await closeDb();
});

describe('an administrator unlocks an account', () => {
	it('lifts a lock from failed sign-ins at once, audited, and the person signs in', async () => {
		const user = await newUser();
		const ip = freshIp();
		for (let attempt = 1; attempt <= 6; attempt++) {
			await signIn({ email: user.email, password: `wrong-${attempt}` }, { ip });
		}
		const refused = await signIn({ email: user.email, password: PASSWORD }, { ip });
		expect(refused.ok ? 'signed in' : refused.reason).toBe('locked');

		const listed = await runAs(asAdmin, () =>
			users.list(users.userFilters.parse({ q: user.email }))
		);
		expect(listed.data[0]?.lockedUntil).not.toBeNull();

		const result = await runAs(asAdmin, () => users.unlock(user.id));
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.user.lockedUntil).toBeNull();
		const [entry] = await auditRows('auth.unlock', user.id);
		expect(entry).toMatchObject({ userId: admin.id, ipAddress: '198.51.100.21' });

		const signedIn = await signIn({ email: user.email, password: PASSWORD }, { ip });
		expect(signedIn.ok).toBe(true);
		// The failures that caused the lock are behind it: one more typo does not lock again.
		const typo = await signIn({ email: user.email, password: 'one typo' }, { ip });
		expect(typo.ok ? 'signed in' : typo.reason).toBe('invalid');
	});

	it('answers an account that is not locked, and one that does not exist', async () => {
		const user = await newUser();
		const notLocked = await runAs(asAdmin, () => users.unlock(user.id));
		expect(notLocked).toMatchObject({ ok: false, reason: 'not_locked' });
		const missing = await runAs(asAdmin, () => users.unlock(crypto.randomUUID()));
		expect(missing).toMatchObject({ ok: false, reason: 'not_found' });
		expect(await auditRows('auth.unlock', user.id)).toHaveLength(0);
	});
});

describe('changing my own password', () => {
	it('refuses a wrong current password with a message on that field, and changes nothing', async () => {
		const user = await newUser();
		const here = await openSession(user.id);
		const elsewhere = await openSession(user.id);
		const result = await runAs({ userId: user.id, role: user.role }, () =>
			changeOwnPassword(user.id, here, {
				currentPassword: 'not my password',
				password: 'a brand new password'
			})
		);
		expect(result).toMatchObject({
			ok: false,
			status: 400,
			fields: { currentPassword: 'Your current password is not right' }
		});
		expect(await asSystem(() => AuthSession.count({ where: { id: [here, elsewhere] } }))).toBe(2);
		const old = await signIn({ email: user.email, password: PASSWORD }, { ip: freshIp() });
		expect(old.ok).toBe(true);
		expect(await auditRows('auth.password_changed', user.id)).toHaveLength(0);
	});

	it('changes it, ends every other session but this one, and audits it', async () => {
		const user = await newUser();
		const here = await openSession(user.id);
		const phone = await openSession(user.id);
		const laptop = await openSession(user.id);
		const result = await runAs({ userId: user.id, role: user.role, ip: '198.51.100.22' }, () =>
			changeOwnPassword(user.id, here, {
				currentPassword: PASSWORD,
				password: 'a brand new password'
			})
		);
		expect(result).toEqual({ ok: true, endedSessions: 2 });
		const left = await asSystem(() => AuthSession.findAll({ where: { userId: user.id } }));
		expect(left.map((s) => s.id)).toEqual([here]);
		expect(left.map((s) => s.id)).not.toContain(phone);
		expect(left.map((s) => s.id)).not.toContain(laptop);

		const [entry] = await auditRows('auth.password_changed', user.id);
		expect(entry).toMatchObject({ userId: user.id, ipAddress: '198.51.100.22' });
		expect(JSON.stringify(entry!.newValues)).not.toContain('brand new');
		const ip = freshIp();
		expect((await signIn({ email: user.email, password: PASSWORD }, { ip })).ok).toBe(false);
		const fresh = await signIn({ email: user.email, password: 'a brand new password' }, { ip });
		expect(fresh.ok).toBe(true);
	});

	it('stops guessing after a few wrong current passwords', async () => {
		const user = await newUser();
		const here = await openSession(user.id);
		const as = { userId: user.id, role: user.role };
		const attempt = (currentPassword: string) =>
			runAs(as, () =>
				changeOwnPassword(user.id, here, { currentPassword, password: 'another new password' })
			);
		for (let i = 0; i < OWN_PASSWORD_LIMIT.max; i++) {
			expect((await attempt(`guess ${i}`)).ok).toBe(false);
		}
		// Now even the right one is refused until the window passes.
		const limited = await attempt(PASSWORD);
		expect(limited).toMatchObject({ ok: false, status: 429 });
		await resetLimit(`own-password:${user.id}`);
		expect((await attempt(PASSWORD)).ok).toBe(true);
	});

	it('checks the new password by the reset rules, with a message per field', () => {
		const parsed = changePasswordSchema.safeParse({
			currentPassword: '',
			password: 'short',
			confirm: 'different'
		});
		expect(parsed.success).toBe(false);
		const fields = Object.fromEntries(
			parsed.error!.issues.map((issue) => [issue.path.join('.'), issue.message])
		);
		expect(fields).toMatchObject({
			currentPassword: 'Enter your current password',
			password: 'Use at least 12 characters'
		});
		const mismatch = changePasswordSchema.safeParse({
			currentPassword: 'x',
			password: 'long enough password',
			confirm: 'long enough passw0rd'
		});
		expect(mismatch.error?.issues[0]).toMatchObject({
			path: ['confirm'],
			message: 'The two passwords do not match'
		});
	});
});

describe('changing my own details', () => {
	it('saves name and phone as one audited change by the person, with messages per field', async () => {
		const user = await newUser();
		const bad = users.profileSchema.safeParse({ name: '  ', phone: 'call me' });
		expect(bad.success).toBe(false);
		expect(Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]))).toEqual({
			name: 'is required',
			phone: 'is not a valid phone number'
		});
		// Email and role are not part of it: unknown keys are dropped, not applied.
		const input = users.profileSchema.parse({
			name: ' Mere Tester ',
			phone: '0412 345 678',
			email: 'someone-else@test.example',
			role: 'super_admin'
		});
		const saved = await runAs({ userId: user.id, role: user.role }, () =>
			users.update(user.id, input)
		);
		expect(saved).toMatchObject({
			name: 'Mere Tester',
			phone: '0412 345 678',
			email: user.email,
			role: 'support_worker'
		});
		const updates = await asSystem(() =>
			AuditLog.findAll({ where: { tableName: 'users', recordId: user.id, action: 'update' } })
		);
		expect(updates).toHaveLength(1);
		expect(updates[0]).toMatchObject({ userId: user.id });
		expect(updates[0]!.newValues).toMatchObject({ name: 'Mere Tester', phone: '0412 345 678' });
	});
});
