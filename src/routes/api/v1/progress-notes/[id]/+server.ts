import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { isUuid } from '$lib/server/http/query';
import * as notes from '$lib/server/services/progress-notes';
import { failureResponse, noteNotFound } from '../respond';
import type { RequestHandler } from './$types';

// Someone else's note answers 404 like a missing one.
export const GET: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'progress-notes', 'read');
	if (!allowed.ok) return allowed.response;
	const actor = { id: locals.user!.id, role: locals.user!.role, scope: allowed.scope };
	const note = isUuid(params.id) ? await notes.get(params.id, actor) : null;
	return note ? json(note) : noteNotFound();
};

export const PATCH: RequestHandler = async (event) => {
	const { locals, params } = event;
	const allowed = apiAuthorize(locals.user, 'progress-notes', 'update');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, notes.notePatchSchema);
	if (!body.ok) return body.response;
	if (!isUuid(params.id)) return noteNotFound();
	try {
		const actor = { id: locals.user!.id, role: locals.user!.role, scope: allowed.scope };
		const note = await notes.update(params.id, body.data, actor);
		return note ? json(note) : noteNotFound();
	} catch (err) {
		return failureResponse(err);
	}
};

export const fallback: RequestHandler = methodNotAllowed;
