/**
 * Changes to an account that must end its sessions: a new password (someone else may know the old
 * one) and deactivation (a former worker must lose access at once, not when their cookie expires).
 * Both run under the caller's actor, so the audit trail records who did it. So does a new role.
 */
import { Op, QueryTypes, type Transaction } from 'sequelize';
import { tx } from '../db';
import { AuthSession, User } from '../db/models';
import { disconnectSession, disconnectUser } from '../realtime/publish';
import { recordAuthEvent } from './audit';
import { digestMatches, passwordSetting, setPassword, setUserActive } from './credentials';
import { passwordDigest } from './password';
import { consume, exhausted } from './rate-limit';

/**
 * Sets a new password and ends the account's sessions: all of them (a reset: whoever had the old
 * password is out), or all but `keepSessionId` (the holder changed it themselves, in that session).
 */
export async function changePassword(
	userId: string,
	password: string,
	keepSessionId?: string
): Promise<void> {
	const ended = await tx(async () => {
		// One statement (in app_set_password_hash), so the trail holds one change, hash redacted.
		await setPassword(userId, password);
		const others = keepSessionId ? { userId, id: { [Op.ne]: keepSessionId } } : { userId };
		const sessions = await AuthSession.findAll({ where: others, attributes: ['id'] });
		await AuthSession.destroy({ where: others });
		return sessions.map((s) => s.id);
	});
	if (!keepSessionId) disconnectUser(userId);
	else for (const id of ended) disconnectSession(id);
}

/** Wrong current passwords one account may send in this window before it must wait. */
export const OWN_PASSWORD_LIMIT = { max: 5, windowSeconds: 15 * 60 } as const;

export type OwnPasswordResult =
	| { ok: true; endedSessions: number }
	| { ok: false; status: 400 | 429; message: string; fields: Record<string, string> };

/**
 * The signed-in person changes their own password: the current one must be right (so a browser
 * left signed in is not enough to take the account over), every other session of theirs ends,
 * and the change is audited with it. Runs under the caller's actor, so the trail names them.
 */
export async function changeOwnPassword(
	userId: string,
	sessionId: string,
	input: { currentPassword: string; password: string }
): Promise<OwnPasswordResult> {
	const [active] = await User.sequelize!.query<{ id: string }>(
		`SELECT id FROM users WHERE id = $1 AND is_active`,
		{ bind: [userId], type: QueryTypes.SELECT }
	);
	const setting = active && (await passwordSetting(userId));
	const limit = { key: `own-password:${userId}`, ...OWN_PASSWORD_LIMIT };
	const tooMany = {
		ok: false,
		status: 429,
		message: 'Too many wrong current passwords. Please try again in 15 minutes.',
		fields: {
			currentPassword: 'Too many wrong current passwords. Please try again in 15 minutes.'
		}
	} as const;
	// Refused before the check, so guessing stops being possible, not just unrewarded.
	if (await exhausted(limit)) return tooMany;
	// The database compares digests; the stored hash never reaches the app (credentials.ts).
	const current = setting ? await passwordDigest(setting, input.currentPassword) : null;
	if (!setting || !(await digestMatches(userId, current))) {
		if (!(await consume(limit))) return tooMany;
		const message = 'Your current password is not right';
		return { ok: false, status: 400, message, fields: { currentPassword: message } };
	}
	// The current password's digest is the stored one, so the same salt tells a repeat apart.
	if ((await passwordDigest(setting, input.password)) === current) {
		const message = 'Choose a new password, not your current one';
		return { ok: false, status: 400, message, fields: { password: message } };
	}
	let endedSessions = 0;
	await tx(async () => {
		endedSessions = await AuthSession.count({ where: { userId, id: { [Op.ne]: sessionId } } });
		await changePassword(userId, input.password, sessionId);
		await recordAuthEvent('auth.password_changed', {
			recordId: userId,
			newValues: { endedSessions }
		});
	});
	return { ok: true, endedSessions };
}

/**
 * A new role ends the account's sessions, in the transaction that changes the role, and drops its
 * sockets once that commits. Everything the person had open was granted as the old role (a
 * socket's role room is joined once, at its handshake); signing in again is the one path that
 * grants the new role everywhere at once, and a demoted coordinator must stop hearing
 * organisation-wide events now, not at the next sweep.
 */
export async function endSessionsForNewRole(t: Transaction, userId: string): Promise<void> {
	await AuthSession.destroy({ where: { userId }, transaction: t });
	t.afterCommit(() => disconnectUser(userId));
}

/** Deactivates a user and ends every session they have; answers false when there is no such user. */
export async function deactivateUser(userId: string): Promise<boolean> {
	const deactivated = await tx(async () => {
		const found = await setUserActive(userId, false);
		await AuthSession.destroy({ where: { userId } });
		return found;
	});
	if (deactivated) disconnectUser(userId);
	return deactivated;
}
