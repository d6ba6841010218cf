/** How the calendar-event endpoints answer failures the service raises. */
import { json } from '@sveltejs/kit';
import { describeDbError } from '$lib/server/db/errors';
import { jsonError } from '$lib/server/http/errors';
import { CalendarRuleError, type CalendarActor } from '$lib/server/services/calendar-events';
import type { Scope } from '$lib/server/auth/permissions';

export const eventNotFound = () => jsonError(404, 'not_found', 'No such calendar event');

export function actorOf(locals: App.Locals, scope: Scope): CalendarActor {
	return { id: locals.user!.id, role: locals.user!.role, scope };
}

/** The contract's error shape; a stale version also carries the event as it is now (`current`). */
export function failureResponse(err: unknown): Response {
	if (err instanceof CalendarRuleError) {
		const error = {
			code: err.code,
			message: err.message,
			...(err.fields ? { fields: err.fields } : {})
		};
		return json(err.current ? { error, current: err.current } : { error }, { status: err.status });
	}
	const failure = describeDbError(err);
	if (!failure) throw err;
	return jsonError(failure.status, failure.code, failure.message, failure.fields);
}
