import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { fieldErrors, jsonError } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import * as calendar from '$lib/server/services/calendar-events';
import { actorOf, failureResponse } from './respond';
import type { RequestHandler } from './$types';

// With from and to, every event overlapping that range (the board's visible dates).
export const GET: RequestHandler = async ({ locals, url }) => {
	const allowed = apiAuthorize(locals.user, 'calendar-events', 'read');
	if (!allowed.ok) return allowed.response;
	const filters = calendar.eventFilters.safeParse(queryObject(url.searchParams));
	if (!filters.success) {
		return jsonError(400, 'validation', 'Some filters need attention', fieldErrors(filters.error));
	}
	return json(await calendar.list(filters.data, actorOf(locals, allowed.scope)));
};

export const POST: RequestHandler = async (event) => {
	const { locals } = event;
	const allowed = apiAuthorize(locals.user, 'calendar-events', 'create');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, calendar.newEventSchema);
	if (!body.ok) return body.response;
	try {
		return json(await calendar.create(body.data, actorOf(locals, allowed.scope)), { status: 201 });
	} catch (err) {
		return failureResponse(err);
	}
};

export const fallback: RequestHandler = methodNotAllowed;
