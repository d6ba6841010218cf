/**
 * Brute-force protection, counted from login_attempts so it holds across processes and restarts.
 * An account is locked after too many failures in a short window, and every active super_admin
 * hears about each lock once. Unknown emails are counted and "locked" the same way, so answers
 * never reveal whether an account exists.
 */
import { QueryTypes } from 'sequelize';
import { db } from '../db';
import { Notification, User } from '../db/models';
import { sendMailInBackground } from '../mail';
import { publish, userRoom } from '../realtime/publish';
import { recordAuthEvent } from './audit';

/** Failures are counted over this window, whatever the lockout length. */
export const FAILURE_WINDOW_MINUTES = 15;
/** Failed attempts one IP address may make within the window before it is refused. */
export const IP_MAX_FAILURES = 20;

async function count(sql: string, bind: unknown[]): Promise<number> {
	const [row] = await db().query<{ n: number }>(sql, { bind, type: QueryTypes.SELECT });
	return row?.n ?? 0;
}

export function failuresFromIp(ip: string): Promise<number> {
	return count(
		`SELECT count(*)::int AS n FROM login_attempts
		WHERE ip_address = $1 AND NOT succeeded AND created_at > now() - make_interval(mins => $2)`,
		[ip, FAILURE_WINDOW_MINUTES]
	);
}

/**
 * Failures for an email since the last success, the end of the last lock or the last password
 * change, within the window: a lock that has run out is not renewed by the failures that caused
 * it, and guesses at a password that no longer exists do not count against a reset account.
 */
export function recentFailures(email: string, since: Date | null = null): Promise<number> {
	return count(
		`SELECT count(*)::int AS n FROM login_attempts
		WHERE email = $1 AND NOT succeeded AND created_at > greatest(
			now() - make_interval(mins => $3), $2::timestamptz,
			(SELECT max(created_at) FROM login_attempts WHERE email = $1 AND succeeded),
			(SELECT password_changed_at FROM users WHERE email = $1))`,
		[email, since, FAILURE_WINDOW_MINUTES]
	);
}

/** Locks the account unless a lock is already running; answers whether this call locked it. */
export async function lockAccount(userId: string, minutes: number): Promise<boolean> {
	const rows = await db().query<{ id: string }>(
		`UPDATE users SET locked_until = now() + make_interval(mins => $2)
		WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now()) RETURNING id`,
		{ bind: [userId, minutes], type: QueryTypes.SELECT }
	);
	return rows.length > 0;
}

/** Notification and audit row inside the caller's transaction; the emails go once it commits. */
export async function alertAdmins(
	account: { id: string; email: string },
	minutes: number
): Promise<() => void> {
	const admins = await User.findAll({
		where: { role: 'super_admin', isActive: true },
		attributes: ['id', 'email', 'name']
	});
	const message =
		`${account.email} was locked for ${minutes} minutes after repeated failed sign-in attempts. ` +
		'If this was not the account holder, review the audit log.';
	const rows = await Notification.bulkCreate(
		admins.map((admin) => ({
			userId: admin.id,
			type: 'warning' as const,
			title: 'Account locked after failed sign-ins',
			message,
			readAt: null,
			relatedTable: 'users',
			relatedId: account.id
		})),
		{ returning: false }
	);
	// The bell of every signed-in super admin rings at once (after the commit).
	for (const row of rows) {
		publish([userRoom(row.userId)], 'notification:new', {
			id: row.id,
			type: row.type,
			title: row.title,
			message: row.message,
			relatedTable: row.relatedTable,
			relatedId: row.relatedId,
			createdAt: row.createdAt.toISOString()
		});
	}
	await recordAuthEvent('auth.lockout', {
		recordId: account.id,
		newValues: { email: account.email, lockedMinutes: minutes }
	});
	return () => {
		for (const admin of admins) {
			sendMailInBackground({
				to: admin.email,
				subject: 'Account locked after failed sign-ins',
				text: `Hello ${admin.name},\n\n${message}\n`
			});
		}
	};
}
