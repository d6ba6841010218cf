import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { fieldErrors, jsonError } from '$lib/server/http/errors';
import { isUuid, queryObject } from '$lib/server/http/query';
import * as calendar from '$lib/server/services/calendar-events';
import { actorOf, eventNotFound, failureResponse } from '../respond';
import type { RequestHandler } from './$types';

// Someone else's event answers 404 like a missing one.
export const GET: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'calendar-events', 'read');
	if (!allowed.ok) return allowed.response;
	const event = isUuid(params.id)
		? await calendar.get(params.id, actorOf(locals, allowed.scope))
		: null;
	return event ? json(event) : eventNotFound();
};

export const PATCH: RequestHandler = async (event) => {
	const { locals, params } = event;
	const allowed = apiAuthorize(locals.user, 'calendar-events', 'update');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, calendar.eventPatchSchema);
	if (!body.ok) return body.response;
	if (!isUuid(params.id)) return eventNotFound();
	try {
		return json(await calendar.update(params.id, body.data, actorOf(locals, allowed.scope)));
	} catch (err) {
		return failureResponse(err);
	}
};

// ?version=N deletes only if nobody changed the event since version N was read.
export const DELETE: RequestHandler = async ({ locals, params, url }) => {
	const allowed = apiAuthorize(locals.user, 'calendar-events', 'delete');
	if (!allowed.ok) return allowed.response;
	if (!isUuid(params.id)) return eventNotFound();
	const query = calendar.eventDeleteQuery.safeParse(queryObject(url.searchParams));
	if (!query.success) {
		return jsonError(400, 'validation', 'Some fields need attention', fieldErrors(query.error));
	}
	try {
		await calendar.remove(params.id, query.data.version, actorOf(locals, allowed.scope));
		return new Response(null, { status: 204 });
	} catch (err) {
		return failureResponse(err);
	}
};

export const fallback: RequestHandler = methodNotAllowed;
