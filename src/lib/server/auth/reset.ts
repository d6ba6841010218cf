/**
 * Resetting a forgotten password by email. The link carries a random token; the database holds
 * only its SHA-256 (like sessions), each link works once and for an hour, and asking again
 * replaces any earlier link. Every request gets the same answer whether or not the address has an
 * account, so the form cannot be used to find out who works here.
 */
import { QueryTypes } from 'sequelize';
import { db, tx } from '../db';
import { SYSTEM, runAs, type Actor } from '../db/context';
import { PasswordResetToken } from '../db/models';
import { sendMailInBackground } from '../mail';
import type { UserRole } from '../../shared/enums';
import { changePassword } from './account';
import { recordAuthEvent } from './audit';
import { normaliseEmail } from './login';
import { consume } from './rate-limit';
import { generateSessionToken, sessionIdFromToken, type Client } from './session';

export const RESET_TOKEN_TTL_MS = 60 * 60_000;
export const RESET_LIMITS = { perEmail: 3, perIp: 10, windowSeconds: 3_600 } as const;

export const RESET_MESSAGES = {
	invalid: 'This reset link is invalid or has expired',
	rate_limited: 'Too many reset requests. Please try again later.'
} as const;

export type ResetRequestResult =
	{ ok: true } | { ok: false; reason: 'rate_limited'; message: string };
export type ResetResult = { ok: true } | { ok: false; reason: 'invalid'; message: string };

// Same generator and hash as session tokens: 160 random bits, base32, safe in a URL path.
const tokenHash = sessionIdFromToken;

export const emailLimitKey = (email: string) => `password-reset:email:${normaliseEmail(email)}`;
export const ipLimitKey = (ip: string) => `password-reset:ip:${ip}`;

async function withinLimits(email: string, ip: string | null | undefined): Promise<boolean> {
	const { perEmail, perIp, windowSeconds } = RESET_LIMITS;
	// The address first: a client spraying many emails should not use up each one's allowance.
	if (ip && !(await consume({ key: ipLimitKey(ip), max: perIp, windowSeconds }))) return false;
	return consume({ key: emailLimitKey(email), max: perEmail, windowSeconds });
}

type Account = { id: string; email: string; name: string };

async function findActiveAccount(email: string): Promise<Account | undefined> {
	const rows = await db().query<Account>(
		`SELECT id, email, name FROM users WHERE email = $1 AND is_active`,
		{ bind: [email], type: QueryTypes.SELECT }
	);
	return rows[0];
}

function resetMail(account: Account, link: string) {
	return {
		to: account.email,
		subject: 'Reset your password',
		text:
			`Hello ${account.name},\n\n` +
			`Someone (hopefully you) asked to reset the password for ${account.email}.\n` +
			`To choose a new password, open this link within the next hour:\n\n${link}\n\n` +
			'The link works once. If you did not ask for this, ignore this email: ' +
			'your password stays as it is.\n'
	};
}

/**
 * Emails a reset link to an active account with this address. Answers the same for an unknown
 * address; only the rate limit (counted per address, account or not) gives a different answer.
 */
export async function requestPasswordReset(
	rawEmail: string,
	origin: string,
	client: Client = {}
): Promise<ResetRequestResult> {
	const email = normaliseEmail(rawEmail);
	const bookkeeper: Actor = { ...SYSTEM, ip: client.ip, userAgent: client.userAgent };
	const allowed = await withinLimits(email, client.ip);
	const account = allowed ? await findActiveAccount(email) : undefined;
	const token = generateSessionToken();
	await runAs(bookkeeper, () =>
		tx(async () => {
			if (account) {
				// Only the newest link works: an older email lying around is no longer a way in.
				await PasswordResetToken.destroy({ where: { userId: account.id, usedAt: null } });
				await PasswordResetToken.create(
					{
						id: tokenHash(token),
						userId: account.id,
						expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS),
						usedAt: null
					},
					{ returning: false }
				);
			}
			const outcome = !allowed ? 'rate_limited' : account ? 'sent' : 'no_account';
			await recordAuthEvent('auth.password_reset_requested', {
				recordId: account?.id,
				newValues: { email, outcome }
			});
		})
	);
	if (!allowed) return { ok: false, reason: 'rate_limited', message: RESET_MESSAGES.rate_limited };
	// In the background, so neither SMTP's speed nor its failure tells an account from no account.
	if (account) sendMailInBackground(resetMail(account, `${origin}/reset-password/${token}`));
	return { ok: true };
}

/** An invitation link lives longer than a reset link: people do not read work email hourly. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

/**
 * Emails a new account a link to choose its own password (the reset page), so an administrator
 * never has to know or send anyone's password. Runs in the caller's transaction and actor.
 */
export async function sendInvitation(
	account: Account,
	origin: string,
	invitedBy: string
): Promise<void> {
	const token = generateSessionToken();
	await tx(() =>
		PasswordResetToken.create(
			{
				id: tokenHash(token),
				userId: account.id,
				expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
				usedAt: null
			},
			{ returning: false }
		)
	);
	sendMailInBackground({
		to: account.email,
		subject: 'Your account is ready: choose a password',
		text:
			`Hello ${account.name},\n\n${invitedBy} has created an account for you (${account.email}).\n` +
			`Choose your password within 7 days with this link:\n\n${origin}/reset-password/${token}\n\n` +
			'The link works once. If you were not expecting this, ignore this email.\n'
	});
}

type TokenOwner = { userId: string; role: UserRole };

/** The account a usable (unknown, used, expired and inactive fail alike) token belongs to. */
async function findTokenOwner(token: string): Promise<TokenOwner | undefined> {
	const rows = await db().query<TokenOwner>(
		`SELECT t.user_id AS "userId", u.role FROM password_reset_tokens t
		JOIN users u ON u.id = t.user_id
		WHERE t.id = $1 AND t.used_at IS NULL AND t.expires_at > now() AND u.is_active`,
		{ bind: [tokenHash(token)], type: QueryTypes.SELECT }
	);
	return rows[0];
}

/** Whether the reset page should offer the form at all; using the token is what counts. */
export async function isResetTokenUsable(token: string): Promise<boolean> {
	return (await findTokenOwner(token)) !== undefined;
}

const invalid: ResetResult = { ok: false, reason: 'invalid', message: RESET_MESSAGES.invalid };

/**
 * Sets a new password with a reset link's token. The token is spent, the password changed, every
 * session ended and any lock lifted in one transaction, run as the account's owner (they proved
 * control of its email) so the audit trail names them.
 */
export async function resetPassword(
	token: string,
	password: string,
	client: Client = {}
): Promise<ResetResult> {
	const owner = await findTokenOwner(token);
	if (!owner) return invalid;
	const actor: Actor = { userId: owner.userId, role: owner.role, ...client };
	return runAs(actor, () =>
		tx(async (t) => {
			// The conditional update is what makes the link single-use, even for two racing submits.
			const spent = await db().query<{ id: string }>(
				`UPDATE password_reset_tokens SET used_at = now()
				WHERE id = $1 AND user_id = $2 AND used_at IS NULL AND expires_at > now() RETURNING id`,
				{ bind: [tokenHash(token), owner.userId], type: QueryTypes.SELECT, transaction: t }
			);
			if (spent.length === 0) return invalid;
			await changePassword(owner.userId, password);
			await db().query(`UPDATE users SET locked_until = NULL WHERE id = $1`, {
				bind: [owner.userId],
				transaction: t
			});
			await recordAuthEvent('auth.password_reset', { recordId: owner.userId });
			return { ok: true } as const;
		})
	);
}
