/**
 * Resetting a forgotten password as a person (or an attacker) experiences it, against the real
 * database, Redis and an in-process SMTP server: one working link by email, used once, within the
 * hour; the same answer for unknown addresses; and a limit on how often anyone may ask.
 */
import { testSmtp } from '../../../../tests/smtp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, tx } from '../db';
import { SYSTEM, runAs } from '../db/context';
import { AuditLog, AuthSession, PasswordResetToken, User } from '../db/models';
import { settleMail } from '../mail';
import { closeRedis } from '../redis';
import * as users from '../services/users';
import { signIn } from './login';
import { hashPassword } from './password';
import {
	RESET_LIMITS,
	RESET_MESSAGES,
	isResetTokenUsable,
	requestPasswordReset,
	resetPassword
} from './reset';
import { sessionIdFromToken, validateSessionToken } from './session';

const ORIGIN = 'https://ndis.test.example';
const OLD_PASSWORD = 'old password for the reset test';
const NEW_PASSWORD = 'a brand new password 2026';
const asSystem = <T>(fn: () => Promise<T>) => runAs(SYSTEM, () => tx(fn));
const run = `${Date.now().toString(36)}-${process.pid}`;
let counter = 0;
let passwordHash: string;

// Each test asks from its own address, so reruns and other tests never share a per-IP count.
const freshIp = () =>
	`10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${++counter % 250}`;
const email = (label: string) => `${label}-${run}-${++counter}@test.example`;

async function newUser(isActive = true) {
	return asSystem(() =>
		User.create({
			email: email('reset'),
			passwordHash,
			name: `Reset Tester ${counter}`,
			role: 'support_worker',
			isActive,
			phone: null,
			avatarUrl: null,
			lastLogin: null
		})
	);
}

const smtp = testSmtp();

async function mailsTo(address: string) {
	await settleMail();
	return smtp.to(address);
}

/** Asks for a link and follows it as the recipient would: the token from the emailed URL. */
async function requestLink(address: string): Promise<string> {
	expect(await requestPasswordReset(address, ORIGIN, { ip: freshIp() })).toEqual({ ok: true });
	const mails = await mailsTo(address);
	const link = mails.at(-1)?.text?.match(/https:\/\/ndis\.test\.example\/reset-password\/(\S+)/);
	if (!link?.[1]) throw new Error(`no reset link mailed to ${address}`);
	return link[1];
}

const auditRows = (action: string, where: Record<string, unknown>) =>
	asSystem(() => AuditLog.findAll({ where: { action, ...where } }));

beforeAll(async () => {
	passwordHash = await hashPassword(OLD_PASSWORD);
	await smtp.start();
});

afterAll(async () => {
	await settleMail();
	await smtp.stop();
	await closeRedis();
	await closeDb();
});

describe('asking for a reset link', () => {
	it('emails one working link to the account holder and stores only its hash', async () => {
		const user = await newUser();
		const ip = freshIp();
		const answer = await requestPasswordReset(`  ${user.email.toUpperCase()} `, ORIGIN, { ip });
		expect(answer).toEqual({ ok: true });

		const mails = await mailsTo(user.email);
		expect(mails).toHaveLength(1);
		expect(mails[0]!.subject).toBe('Reset your password');
		const token = mails[0]!.text?.match(
			/https:\/\/ndis\.test\.example\/reset-password\/(\S+)/
		)?.[1];
		expect(token).toMatch(/^[a-z2-7]{32}$/);

		const rows = await asSystem(() => PasswordResetToken.findAll({ where: { userId: user.id } }));
		expect(rows).toHaveLength(1);
		expect(rows[0]!.id).not.toBe(token);
		expect(rows[0]!.id).toBe(sessionIdFromToken(token!));
		expect(rows[0]!.usedAt).toBeNull();
		const lifetime = rows[0]!.expiresAt.getTime() - Date.now();
		expect(lifetime).toBeGreaterThan(59 * 60_000);
		expect(lifetime).toBeLessThanOrEqual(60 * 60_000);
		expect(await isResetTokenUsable(token!)).toBe(true);

		const [audit] = await auditRows('auth.password_reset_requested', { recordId: user.id });
		expect(audit).toMatchObject({ ipAddress: ip });
		expect(audit!.newValues).toEqual({ email: user.email, outcome: 'sent' });
	});

	it('answers an unknown or inactive address exactly the same, and sends nothing', async () => {
		const nobody = email('ghost');
		const inactive = await newUser(false);
		expect(await requestPasswordReset(nobody, ORIGIN, { ip: freshIp() })).toEqual({ ok: true });
		expect(await requestPasswordReset(inactive.email, ORIGIN, { ip: freshIp() })).toEqual({
			ok: true
		});
		expect(await mailsTo(nobody)).toHaveLength(0);
		expect(await mailsTo(inactive.email)).toHaveLength(0);
		const audits = await auditRows('auth.password_reset_requested', { recordId: null });
		expect(audits.map((a) => a.newValues)).toContainEqual({ email: nobody, outcome: 'no_account' });
	});

	it('makes an earlier link stop working when a new one is asked for', async () => {
		const user = await newUser();
		const first = await requestLink(user.email);
		const second = await requestLink(user.email);
		expect(await isResetTokenUsable(first)).toBe(false);
		expect(await resetPassword(first, NEW_PASSWORD)).toEqual({
			ok: false,
			reason: 'invalid',
			message: RESET_MESSAGES.invalid
		});
		expect((await resetPassword(second, NEW_PASSWORD)).ok).toBe(true);
	});
});

describe('resetting with the link', () => {
	it('changes the password, ends every session, lifts a lock and is audited', async () => {
		const user = await newUser();
		const before = await signIn({ email: user.email, password: OLD_PASSWORD }, { ip: freshIp() });
		if (!before.ok) throw new Error('expected the old password to work before the reset');
		await asSystem(() =>
			User.update({ lockedUntil: new Date(Date.now() + 3_600_000) }, { where: { id: user.id } })
		);

		const token = await requestLink(user.email);
		const ip = freshIp();
		expect(await resetPassword(token, NEW_PASSWORD, { ip, userAgent: 'vitest' })).toEqual({
			ok: true
		});

		expect(await validateSessionToken(before.token)).toBeNull();
		expect(await asSystem(() => AuthSession.count({ where: { userId: user.id } }))).toBe(0);
		const reloaded = await asSystem(() => User.findByPk(user.id));
		expect(reloaded!.lockedUntil).toBeNull();
		expect(reloaded!.passwordChangedAt).not.toBeNull();

		const old = await signIn({ email: user.email, password: OLD_PASSWORD }, { ip: freshIp() });
		expect(old).toMatchObject({ ok: false, reason: 'invalid' });
		const now = await signIn({ email: user.email, password: NEW_PASSWORD }, { ip: freshIp() });
		expect(now.ok).toBe(true);

		const [audit] = await auditRows('auth.password_reset', { recordId: user.id });
		expect(audit).toMatchObject({ userId: user.id, ipAddress: ip, userAgent: 'vitest' });
	});

	it('unlocks a locked account for good: guesses at the old password no longer count', async () => {
		const user = await newUser();
		const ip = freshIp();
		for (let attempt = 1; attempt <= 6; attempt++) {
			await signIn({ email: user.email, password: `wrong ${attempt}` }, { ip });
		}
		const locked = await signIn({ email: user.email, password: OLD_PASSWORD }, { ip });
		expect(locked).toMatchObject({ ok: false, reason: 'locked' });

		expect((await resetPassword(await requestLink(user.email), NEW_PASSWORD)).ok).toBe(true);
		const typo = await signIn({ email: user.email, password: 'a typo' }, { ip });
		expect(typo).toMatchObject({ ok: false, reason: 'invalid' });
		expect((await signIn({ email: user.email, password: NEW_PASSWORD }, { ip })).ok).toBe(true);
	});

	it('refuses the same link a second time', async () => {
		const user = await newUser();
		const token = await requestLink(user.email);
		expect((await resetPassword(token, NEW_PASSWORD)).ok).toBe(true);
		expect(await resetPassword(token, 'someone else wants in 2026')).toEqual({
			ok: false,
			reason: 'invalid',
			message: 'This reset link is invalid or has expired'
		});
		const now = await signIn({ email: user.email, password: NEW_PASSWORD }, { ip: freshIp() });
		expect(now.ok).toBe(true);
	});

	it('refuses an expired link and an unknown one, and changes nothing', async () => {
		const user = await newUser();
		const token = await requestLink(user.email);
		await asSystem(() =>
			PasswordResetToken.update(
				{ expiresAt: new Date(Date.now() - 1_000) },
				{ where: { id: sessionIdFromToken(token) } }
			)
		);
		expect(await isResetTokenUsable(token)).toBe(false);
		expect(await resetPassword(token, NEW_PASSWORD)).toMatchObject({
			ok: false,
			message: RESET_MESSAGES.invalid
		});
		expect(await resetPassword('not-a-token-anyone-was-sent', NEW_PASSWORD)).toMatchObject({
			ok: false,
			message: RESET_MESSAGES.invalid
		});
		const old = await signIn({ email: user.email, password: OLD_PASSWORD }, { ip: freshIp() });
		expect(old.ok).toBe(true);
	});
});

describe('rate limits', () => {
	it(`sends at most ${RESET_LIMITS.perEmail} links per address per hour, account or not`, async () => {
		const user = await newUser();
		const nobody = email('ghost');
		for (const address of [user.email, nobody]) {
			const answers = [];
			for (let i = 0; i <= RESET_LIMITS.perEmail; i++) {
				answers.push(await requestPasswordReset(address, ORIGIN, { ip: freshIp() }));
			}
			expect(answers.map((a) => a.ok)).toEqual([true, true, true, false]);
			expect(answers.at(-1)).toEqual({
				ok: false,
				reason: 'rate_limited',
				message: RESET_MESSAGES.rate_limited
			});
		}
		expect(await mailsTo(user.email)).toHaveLength(RESET_LIMITS.perEmail);
	});

	it(`accepts at most ${RESET_LIMITS.perIp} requests per network address per hour`, async () => {
		const user = await newUser();
		const ip = freshIp();
		for (let i = 0; i < RESET_LIMITS.perIp; i++) {
			expect(await requestPasswordReset(email('spray'), ORIGIN, { ip })).toEqual({ ok: true });
		}
		expect(await requestPasswordReset(user.email, ORIGIN, { ip })).toMatchObject({
			ok: false,
			reason: 'rate_limited'
		});
		expect(await mailsTo(user.email)).toHaveLength(0);
		// The address is blocked, not the account: from elsewhere the link still comes.
		expect(await requestPasswordReset(user.email, ORIGIN, { ip: freshIp() })).toEqual({ ok: true });
		expect(await mailsTo(user.email)).toHaveLength(1);
	});
});

describe('inviting a new account', () => {
	it('emails a link with which the invited person chooses their own password', async () => {
		const admin = await runAs(SYSTEM, () =>
			tx(() =>
				User.create({
					email: `inviter-${Date.now()}@test.example`,
					name: 'Ines Inviter',
					role: 'super_admin',
					passwordHash,
					phone: null,
					avatarUrl: null,
					lastLogin: null
				})
			)
		);
		const email = `invitee-${Date.now()}@test.example`;
		const created = await runAs({ userId: admin.id, role: 'super_admin' }, () =>
			users.create(
				{ email, name: 'Ivy Invitee', role: 'support_worker' },
				{ origin: ORIGIN, invitedBy: admin.name }
			)
		);
		expect(created.invited).toBe(true);
		const mail = (await mailsTo(email)).at(-1);
		expect(mail?.subject).toBe('Your account is ready: choose a password');
		expect(mail?.text).toContain('Ines Inviter has created an account for you');
		const token = mail?.text?.match(/\/reset-password\/(\S+)/)?.[1];
		expect(token).toBeDefined();

		expect(await resetPassword(token!, NEW_PASSWORD)).toEqual({ ok: true });
		expect((await signIn({ email, password: NEW_PASSWORD }, { ip: freshIp() })).ok).toBe(true);
	});
});
