import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { fieldErrors, jsonError } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import * as notes from '$lib/server/services/progress-notes';
import { failureResponse } from './respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const allowed = apiAuthorize(locals.user, 'progress-notes', 'read');
	if (!allowed.ok) return allowed.response;
	const filters = notes.noteFilters.safeParse(queryObject(url.searchParams));
	if (!filters.success) {
		return jsonError(400, 'validation', 'Some filters need attention', fieldErrors(filters.error));
	}
	const actor = { id: locals.user!.id, role: locals.user!.role, scope: allowed.scope };
	return json(await notes.list(filters.data, actor));
};

export const POST: RequestHandler = async (event) => {
	const { locals } = event;
	const allowed = apiAuthorize(locals.user, 'progress-notes', 'create');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, notes.newNoteSchema);
	if (!body.ok) return body.response;
	try {
		const actor = { id: locals.user!.id, role: locals.user!.role, scope: allowed.scope };
		const note = await notes.create(body.data, actor);
		if (!note) {
			const message = 'must be a participant you work with';
			return jsonError(400, 'validation', `participantId ${message}`, { participantId: message });
		}
		return json(note, { status: 201 });
	} catch (err) {
		return failureResponse(err);
	}
};

export const fallback: RequestHandler = methodNotAllowed;
