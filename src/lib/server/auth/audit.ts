/**
 * Audit rows for sign-in events, which change no audited table and so are not caught by the
 * trigger. Inserted without RETURNING: the app role may append to audit_logs but most roles may
 * not read it back (row-level security).
 */
import { currentActor } from '../db/context';
import { AuditLog } from '../db/models';

export type AuthAction =
	| 'auth.login'
	| 'auth.login_failed'
	| 'auth.logout'
	| 'auth.lockout'
	| 'auth.unlock'
	| 'auth.password_reset_requested'
	| 'auth.password_reset'
	| 'auth.password_changed';

export async function recordAuthEvent(
	action: AuthAction,
	event: { userId?: string | null; recordId?: string | null; newValues?: Record<string, unknown> }
): Promise<void> {
	const actor = currentActor();
	await AuditLog.create(
		{
			userId: event.userId ?? actor.userId,
			action,
			tableName: 'users',
			recordId: event.recordId ?? null,
			oldValues: null,
			newValues: event.newValues ?? null,
			ipAddress: actor.ip?.slice(0, 45) ?? null,
			userAgent: actor.userAgent ?? null
		},
		{ returning: false }
	);
}
