/**
 * Changes to an account that must end its sessions: a new password (someone else may know the old
 * one) and deactivation (a former worker must lose access at once, not when their cookie expires).
 * Both run under the caller's actor, so the audit trail records who did it.
 */
import { tx } from '../db';
import { AuthSession, User } from '../db/models';
import { disconnectUser } from '../realtime/publish';
import { hashPassword } from './password';

export async function changePassword(userId: string, password: string): Promise<void> {
	const passwordHash = await hashPassword(password);
	await tx(async (t) => {
		// One statement, so the audit trail holds one change (with the hash redacted).
		await User.sequelize!.query(
			`UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1`,
			{ bind: [userId, passwordHash], transaction: t }
		);
		await AuthSession.destroy({ where: { userId } });
	});
	disconnectUser(userId);
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
