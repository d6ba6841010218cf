import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import * as R from '$lib/server/http/responses';
import * as calendar from '$lib/server/services/calendar-events';
import { actorOf, failureResponse } from '../respond';
import type { RequestHandler } from './$types';

// The first occurrence and a number of weeks; all weeks are created, or none (409 names each clash).
export const POST: RequestHandler = async (event) => {
	const { locals } = event;
	const allowed = apiAuthorize(locals.user, 'calendar-events', 'create');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, calendar.recurringEventSchema);
	if (!body.ok) return body.response;
	try {
		const data = await calendar.createRecurring(body.data, actorOf(locals, allowed.scope));
		return json({ data } satisfies R.Answer<typeof R.CalendarEventList>, { status: 201 });
	} catch (err) {
		return failureResponse(err);
	}
};

export const fallback: RequestHandler = methodNotAllowed;
