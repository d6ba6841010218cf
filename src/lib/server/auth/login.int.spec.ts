/**
 * Signing in as a person (or an attacker) experiences it: one generic answer for any wrong email or
 * password, a lock after repeated failures that case tricks cannot dodge, one alert per lock to
 * every super_admin (notification and real email over SMTP), and a per-IP limit.
 */
import { testSmtp } from '../../../../tests/smtp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, tx } from '../db';
import { SYSTEM, runAs } from '../db/context';
import { AuditLog, AuthSession, Notification, User } from '../db/models';
import type { UserRole } from '../../shared/enums';
import { settleMail } from '../mail';
import { IP_MAX_FAILURES } from './lockout';
import { SIGN_IN_MESSAGES, SIGN_IN_STATUS, signIn, signOut } from './login';
import { setUserActive } from './credentials';
import { hashPassword } from './password';
import { sessionIdFromToken, validateSessionToken } from './session';

const PASSWORD = 'correct horse battery staple';
const asSystem = <T>(fn: () => Promise<T>) => runAs(SYSTEM, () => tx(fn));
const run = `${Date.now().toString(36)}-${process.pid}`;
let counter = 0;
let passwordHash: string;
const createdAdmins: string[] = [];

// Each test signs in from its own address, so reruns and other tests never share a per-IP count.
const freshIp = () =>
	`10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${++counter % 250}`;
const email = (label: string) => `${label}-${run}-${++counter}@test.example`;

async function newUser(role: UserRole = 'support_worker', isActive = true) {
	const user = await asSystem(() =>
		User.create({
			email: email('login'),
			passwordHash,
			name: `Login Tester ${counter}`,
			role,
			isActive,
			phone: null,
			avatarUrl: null,
			lastLogin: null
		})
	);
	if (role === 'super_admin') createdAdmins.push(user.id);
	return user;
}

const auditRows = (action: string, recordId: string) =>
	asSystem(() => AuditLog.findAll({ where: { action, recordId } }));

const smtp = testSmtp();
const received = smtp.received;

beforeAll(async () => {
	passwordHash = await hashPassword(PASSWORD);
	await smtp.start();
});

afterAll(async () => {
	await settleMail();
	// Test admins would otherwise receive every later test run's lockout alerts.
	await asSystem(async () => {
		for (const id of createdAdmins) await setUserActive(id, false);
	});
	await smtp.stop();
	await closeDb();
});

describe('signing in', () => {
	it('opens a session, records the sign-in and never stores the token', async () => {
		const user = await newUser();
		const ip = freshIp();
		const result = await signIn(
			{ email: user.email, password: PASSWORD },
			{ ip, userAgent: 'vitest' }
		);
		if (!result.ok) throw new Error(`expected success, got ${result.reason}`);
		expect(result.user).toMatchObject({ id: user.id, email: user.email, role: 'support_worker' });

		const sessions = await asSystem(() => AuthSession.findAll({ where: { userId: user.id } }));
		expect(sessions).toHaveLength(1);
		expect(sessions[0]!.id).not.toBe(result.token);
		expect(sessions[0]!.id).toBe(sessionIdFromToken(result.token));
		expect((await validateSessionToken(result.token))?.user.id).toBe(user.id);

		const reloaded = await asSystem(() => User.findByPk(user.id));
		expect(Date.now() - reloaded!.lastLogin!.getTime()).toBeLessThan(10_000);
		const [audit] = await auditRows('auth.login', user.id);
		expect(audit).toMatchObject({ userId: user.id, ipAddress: ip, userAgent: 'vitest' });
	});

	it('accepts the email in any case and with stray spaces', async () => {
		const user = await newUser();
		const result = await signIn(
			{ email: `  ${user.email.toUpperCase()} `, password: PASSWORD },
			{ ip: freshIp() }
		);
		expect(result.ok).toBe(true);
	});

	it('gives the same answer for a wrong password and an unknown email', async () => {
		const user = await newUser();
		const ip = freshIp();
		const wrongPassword = await signIn({ email: user.email, password: 'nope' }, { ip });
		const unknownEmail = await signIn({ email: email('nobody'), password: PASSWORD }, { ip });
		expect(wrongPassword).toEqual({
			ok: false,
			reason: 'invalid',
			message: 'Email or password is incorrect'
		});
		expect(unknownEmail).toEqual(wrongPassword);
		expect(SIGN_IN_STATUS.invalid).toBe(401);

		const [failed] = await auditRows('auth.login_failed', user.id);
		expect(failed?.newValues).toEqual({ email: user.email });
		expect(failed?.ipAddress).toBe(ip);
	});

	it('refuses an inactive user with the same generic message', async () => {
		const user = await newUser('support_worker', false);
		const result = await signIn({ email: user.email, password: PASSWORD }, { ip: freshIp() });
		expect(result).toEqual({ ok: false, reason: 'invalid', message: SIGN_IN_MESSAGES.invalid });
		expect(await asSystem(() => AuthSession.count({ where: { userId: user.id } }))).toBe(0);
	});

	it('signs out: the session ends and the sign-out is audited', async () => {
		const user = await newUser();
		const result = await signIn({ email: user.email, password: PASSWORD }, { ip: freshIp() });
		if (!result.ok) throw new Error('expected success');
		await signOut(result.session, result.user, { ip: '198.51.100.7', userAgent: 'vitest' });
		expect(await validateSessionToken(result.token)).toBeNull();
		const [audit] = await auditRows('auth.logout', user.id);
		expect(audit).toMatchObject({ userId: user.id, ipAddress: '198.51.100.7' });
	});
});

describe('lockout', () => {
	it('locks after five failures, even against the right password in upper case, and alerts each super_admin once', async () => {
		const admin = await newUser('super_admin');
		const secondAdmin = await newUser('super_admin');
		const user = await newUser();
		const ip = freshIp();
		for (let attempt = 1; attempt <= 5; attempt++) {
			const result = await signIn({ email: user.email, password: `wrong ${attempt}` }, { ip });
			expect(result).toMatchObject({ ok: false, reason: 'invalid' });
		}
		const sixth = await signIn({ email: user.email, password: 'wrong 6' }, { ip });
		expect(sixth).toMatchObject({ ok: false, reason: 'locked' });
		if (sixth.ok) return;
		expect(SIGN_IN_STATUS[sixth.reason]).toBe(429);
		expect(sixth.message).toMatch(/try again later/i);

		const right = await signIn({ email: user.email.toUpperCase(), password: PASSWORD }, { ip });
		expect(right).toMatchObject({ ok: false, reason: 'locked' });
		// More failures during the lock do not raise more alerts.
		await signIn({ email: user.email, password: 'wrong 7' }, { ip });

		for (const id of [admin.id, secondAdmin.id]) {
			const notes = await runAs({ userId: id, role: 'super_admin' }, () =>
				tx(() => Notification.findAll({ where: { userId: id, relatedId: user.id } }))
			);
			expect(notes).toHaveLength(1);
			expect(notes[0]).toMatchObject({ type: 'warning', relatedTable: 'users' });
			expect(notes[0]!.message).toContain(user.email);
		}
		expect(await auditRows('auth.lockout', user.id)).toHaveLength(1);

		await settleMail();
		for (const to of [admin.email, secondAdmin.email]) {
			const mails = received.filter(
				(mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === to
			);
			const aboutUser = mails.filter((mail) => mail.text?.includes(user.email));
			expect(aboutUser).toHaveLength(1);
			expect(aboutUser[0]!.subject).toMatch(/locked/i);
		}
	});

	it('answers an unknown email exactly like a real one, lock included', async () => {
		const ip = freshIp();
		const nobody = email('ghost');
		const answers = [];
		for (let attempt = 1; attempt <= 7; attempt++) {
			answers.push(await signIn({ email: nobody, password: 'guess' }, { ip }));
		}
		expect(answers.map((a) => !a.ok && a.reason)).toEqual([
			'invalid',
			'invalid',
			'invalid',
			'invalid',
			'invalid',
			'locked',
			'locked'
		]);
	});

	it('refuses an address after too many failures, whatever account it tries', async () => {
		const user = await newUser();
		const ip = freshIp();
		for (let attempt = 0; attempt < IP_MAX_FAILURES; attempt++) {
			const result = await signIn({ email: email('spray'), password: 'guess' }, { ip });
			expect(result).toMatchObject({ ok: false, reason: 'invalid' });
		}
		const blocked = await signIn({ email: user.email, password: PASSWORD }, { ip });
		expect(blocked).toMatchObject({ ok: false, reason: 'rate_limited' });
		expect(SIGN_IN_STATUS.rate_limited).toBe(429);
		// The account itself is not locked: from another address the right password works.
		expect((await signIn({ email: user.email, password: PASSWORD }, { ip: freshIp() })).ok).toBe(
			true
		);
	});
});
