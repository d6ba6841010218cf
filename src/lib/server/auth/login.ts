/**
 * Signing in and out: the one domain call behind the login page and POST /api/v1/auth/login.
 * Order matters: the per-IP limit and an existing lock are checked before the password, so a
 * locked account answers "locked" even to the right password.
 */
import { QueryTypes } from 'sequelize';
import { db, tx } from '../db';
import { SYSTEM, runAs, type Actor } from '../db/context';
import { LoginAttempt, User } from '../db/models';
import type { UserRole } from '../../shared/enums';
import { recordAuthEvent } from './audit';
import {
	alertAdmins,
	failuresFromIp,
	IP_MAX_FAILURES,
	lockAccount,
	recentFailures
} from './lockout';
import { digestMatches, passwordSetting } from './credentials';
import { hashPassword, passwordDigest, type PasswordSetting } from './password';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	type Client,
	type Session,
	type SessionUser
} from './session';
import { authSettings } from './settings';

export type SignInFailure = 'invalid' | 'locked' | 'rate_limited';
export type SignInResult =
	| { ok: true; user: SessionUser; token: string; session: Session }
	| { ok: false; reason: SignInFailure; message: string };

export const SIGN_IN_MESSAGES: Record<SignInFailure, string> = {
	invalid: 'Email or password is incorrect',
	locked:
		'Too many failed sign-in attempts. This account is locked for now: please try again later.',
	rate_limited: 'Too many failed sign-in attempts from your network. Please try again later.'
};

export const SIGN_IN_STATUS: Record<SignInFailure, 401 | 429> = {
	invalid: 401,
	locked: 429,
	rate_limited: 429
};

type Account = {
	id: string;
	email: string;
	name: string;
	role: UserRole;
	isActive: boolean;
	lockedUntil: Date | null;
	now: Date;
};

/** Case and stray spaces must not make a different account, nor dodge the lockout count. */
export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

function findAccount(email: string): Promise<Account | undefined> {
	return db()
		.query<Account>(
			`SELECT id, email, name, role, is_active AS "isActive", locked_until AS "lockedUntil",
				now() AS now
			FROM users WHERE email = $1`,
			{ bind: [email], type: QueryTypes.SELECT }
		)
		.then((rows) => rows[0]);
}

// Unknown emails still cost one argon2 hash, so timing does not tell them apart. The stored hash
// is never read here: the database compares the digest (credentials.ts, password.ts).
let dummySetting: Promise<PasswordSetting> | undefined;
async function checkPassword(account: Account | undefined, password: string): Promise<boolean> {
	const setting = account && (await passwordSetting(account.id));
	if (account && setting) {
		return digestMatches(account.id, await passwordDigest(setting, password));
	}
	dummySetting ??= hashPassword('not-a-password-anyone-has').then((hash) => {
		const digest = hash.slice(hash.lastIndexOf('$') + 1);
		return {
			setting: hash.slice(0, hash.lastIndexOf('$')),
			digestLength: (digest.length * 3) >> 2
		};
	});
	await passwordDigest(await dummySetting, password);
	return false;
}

const refused = (reason: SignInFailure): SignInResult => ({
	ok: false,
	reason,
	message: SIGN_IN_MESSAGES[reason]
});

export async function signIn(
	input: { email: string; password: string },
	client: Client = {}
): Promise<SignInResult> {
	const email = normaliseEmail(input.email);
	const bookkeeper: Actor = { ...SYSTEM, ip: client.ip, userAgent: client.userAgent };
	if (client.ip && (await failuresFromIp(client.ip)) >= IP_MAX_FAILURES) {
		return refused('rate_limited');
	}
	const settings = await authSettings();
	const account = await findAccount(email);
	const locked = account
		? account.lockedUntil !== null && account.lockedUntil > account.now
		: (await recentFailures(email)) > settings.maxFailedLogins;
	if (locked) {
		await runAs(bookkeeper, () => tx(() => recordFailure(email, account, client)));
		return refused('locked');
	}

	const valid = await checkPassword(account, input.password);
	if (account && valid && account.isActive) return succeed(account, client);

	let notify = () => {};
	const nowLocked = await runAs(bookkeeper, () =>
		tx(async () => {
			await recordFailure(email, account, client);
			if ((await recentFailures(email, account?.lockedUntil)) <= settings.maxFailedLogins) {
				return false;
			}
			if (account && (await lockAccount(account.id, settings.lockoutMinutes))) {
				notify = await alertAdmins(account, settings.lockoutMinutes);
			}
			return true;
		})
	);
	notify();
	return refused(nowLocked ? 'locked' : 'invalid');
}

async function recordFailure(email: string, account: Account | undefined, client: Client) {
	await LoginAttempt.create(
		{
			email,
			ipAddress: client.ip?.slice(0, 45) ?? null,
			userId: account?.id ?? null,
			succeeded: false
		},
		{ returning: false }
	);
	await recordAuthEvent('auth.login_failed', { recordId: account?.id, newValues: { email } });
}

async function succeed(account: Account, client: Client): Promise<SignInResult> {
	const user: SessionUser = {
		id: account.id,
		email: account.email,
		name: account.name,
		role: account.role
	};
	const actor: Actor = { userId: user.id, role: user.role, ...client };
	const token = generateSessionToken();
	const session = await runAs(actor, () =>
		tx(async () => {
			await LoginAttempt.create(
				{
					email: user.email,
					ipAddress: client.ip?.slice(0, 45) ?? null,
					userId: user.id,
					succeeded: true
				},
				{ returning: false }
			);
			await User.update({ lastLogin: new Date() }, { where: { id: user.id } });
			await recordAuthEvent('auth.login', { recordId: user.id });
			return createSession(token, user.id, client);
		})
	);
	return { ok: true, user, token, session };
}

export async function signOut(
	session: { id: string },
	user: SessionUser,
	client: Client = {}
): Promise<void> {
	await runAs({ userId: user.id, role: user.role, ...client }, () =>
		tx(async () => {
			await invalidateSession(session.id);
			await recordAuthEvent('auth.logout', { recordId: user.id });
		})
	);
}
