import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { fieldErrors, jsonError } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import * as sessions from '$lib/server/services/session-logs';
import { actorOf, failureResponse } from './respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const allowed = apiAuthorize(locals.user, 'session-logs', 'read');
	if (!allowed.ok) return allowed.response;
	const filters = sessions.sessionFilters.safeParse(queryObject(url.searchParams));
	if (!filters.success) {
		return jsonError(400, 'validation', 'Some filters need attention', fieldErrors(filters.error));
	}
	return json(await sessions.list(filters.data, actorOf(locals, allowed.scope)));
};

export const POST: RequestHandler = async (event) => {
	const { locals } = event;
	const allowed = apiAuthorize(locals.user, 'session-logs', 'create');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, sessions.newSessionSchema);
	if (!body.ok) return body.response;
	try {
		return json(await sessions.create(body.data, actorOf(locals, allowed.scope)), { status: 201 });
	} catch (err) {
		return failureResponse(err);
	}
};

export const fallback: RequestHandler = methodNotAllowed;
