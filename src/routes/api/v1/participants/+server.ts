import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { fieldErrors, jsonError } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import * as participants from '$lib/server/services/participants';
import { failureResponse } from './respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const allowed = apiAuthorize(locals.user, 'participants', 'read');
	if (!allowed.ok) return allowed.response;
	const filters = participants.participantFilters.safeParse(queryObject(url.searchParams));
	if (!filters.success) {
		return jsonError(400, 'validation', 'Some filters need attention', fieldErrors(filters.error));
	}
	return json(await participants.list(filters.data, { id: locals.user!.id, scope: allowed.scope }));
};

export const POST: RequestHandler = async (event) => {
	const allowed = apiAuthorize(event.locals.user, 'participants', 'create', 'all');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, participants.newParticipantSchema);
	if (!body.ok) return body.response;
	try {
		return json(await participants.create(body.data, event.locals.user!.id), { status: 201 });
	} catch (err) {
		return failureResponse(err);
	}
};

export const fallback: RequestHandler = methodNotAllowed;
