/** How the session-log endpoints answer failures the service raises. */
import { describeDbError } from '$lib/server/db/errors';
import { jsonError } from '$lib/server/http/errors';
import { SessionRuleError, type SessionActor } from '$lib/server/services/session-logs';
import type { Scope } from '$lib/server/auth/permissions';

export const sessionNotFound = () => jsonError(404, 'not_found', 'No such session log');

export function actorOf(locals: App.Locals, scope: Scope): SessionActor {
	return { id: locals.user!.id, role: locals.user!.role, scope };
}

export function failureResponse(err: unknown): Response {
	if (err instanceof SessionRuleError) {
		return jsonError(err.status, err.code, err.message, err.fields);
	}
	const failure = describeDbError(err);
	if (!failure) throw err;
	return jsonError(failure.status, failure.code, failure.message, failure.fields);
}
