/**
 * Changes to an account that must end its sessions: a new password (someone else may know the old
 * one) and deactivation (a former worker must lose access at once, not when their cookie expires).
 * Both run under the caller's actor, so the audit trail records who did it.
 */
import { Op, QueryTypes } from 'sequelize';
import { tx } from '../db';
import { AuthSession, User } from '../db/models';
import { disconnectSession, disconnectUser } from '../realtime/publish';
import { recordAuthEvent } from './audit';
import { hashPassword, verifyPassword } from './password';
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
	const passwordHash = await hashPassword(password);
	const ended = await tx(async (t) => {
		// One statement, so the audit trail holds one change (with the hash redacted).
		await User.sequelize!.query(
			`UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1`,
			{ bind: [userId, passwordHash], transaction: t }
		);
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
	const [row] = await User.sequelize!.query<{ hash: string }>(
		`SELECT password_hash AS hash FROM users WHERE id = $1 AND is_active`,
		{ bind: [userId], type: QueryTypes.SELECT }
	);
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
	if (!row || !(await verifyPassword(row.hash, input.currentPassword))) {
		if (!(await consume(limit))) return tooMany;
		const message = 'Your current password is not right';
		return { ok: false, status: 400, message, fields: { currentPassword: message } };
	}
	if (await verifyPassword(row.hash, input.password)) {
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

/** Deactivates a user and ends every session they have; answers false when there is no such user. */
export async function deactivateUser(userId: string): Promise<boolean> {
	const deactivated = await tx(async () => {
		const [count] = await User.update({ isActive: false }, { where: { id: userId } });
		await AuthSession.destroy({ where: { userId } });
		return count > 0;
	});
	if (deactivated) disconnectUser(userId);
	return deactivated;
}
