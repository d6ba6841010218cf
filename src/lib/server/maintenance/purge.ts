/**
 * Nightly clean-up of what has stopped meaning anything: password-reset and invitation links that
 * expired, were used, or were overtaken by a password change; sign-in sessions past their absolute
 * lifetime or idle timeout (they can never be used again); and catalogue import previews nobody
 * confirmed. Runs as the app role (it owns nothing it needs the owner for).
 */
import { QueryTypes } from 'sequelize';
import { db, tx } from '../db';
import { providerSettings } from '../provider-settings';
import { purgeStalePreviews } from '../services/item-code-import';

export type PurgeResult = { resetTokens: number; sessions: number; previews: number };

export async function purgeExpired(now = new Date()): Promise<PurgeResult> {
	const { idleTimeoutMinutes } = await providerSettings();
	const counts = await tx(async (t) => {
		const run = async (sql: string, bind: unknown[]) => {
			const rows = await db().query<{ n: number }>(
				`WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
				{ bind, type: QueryTypes.SELECT, transaction: t }
			);
			return rows[0]?.n ?? 0;
		};
		const resetTokens = await run(
			`DELETE FROM password_reset_tokens t WHERE t.expires_at <= $1 OR t.used_at IS NOT NULL
				OR t.created_at < (SELECT u.password_changed_at FROM users u WHERE u.id = t.user_id)`,
			[now]
		);
		const sessions = await run(
			`DELETE FROM auth_sessions WHERE expires_at <= $1
				OR last_seen_at <= $1::timestamptz - make_interval(mins => $2::int)`,
			[now, idleTimeoutMinutes]
		);
		return { resetTokens, sessions };
	});
	return { ...counts, previews: await purgeStalePreviews(now.getTime()) };
}
