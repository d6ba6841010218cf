import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import * as participants from '$lib/server/services/participants';
import { failureResponse, participantNotFound } from '../respond';
import type { RequestHandler } from './$types';

// Out of scope answers 404 like a missing id, so a participant's existence does not leak.
export const GET: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'participants', 'read');
	if (!allowed.ok) return allowed.response;
	const viewer = { id: locals.user!.id, scope: allowed.scope };
	const participant = isUuid(params.id) ? await participants.get(params.id, viewer) : null;
	return participant ? json(participant) : participantNotFound();
};

export const PATCH: RequestHandler = async (event) => {
	const { locals, params } = event;
	const allowed = apiAuthorize(locals.user, 'participants', 'update');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, participants.participantPatchSchema);
	if (!body.ok) return body.response;
	if (!isUuid(params.id)) return participantNotFound();
	try {
		const participant = await participants.update(params.id, body.data);
		return participant ? json(participant) : participantNotFound();
	} catch (err) {
		return failureResponse(err);
	}
};

export const DELETE: RequestHandler = async ({ locals }) => {
	const allowed = apiAuthorize(locals.user, 'participants', 'update');
	if (!allowed.ok) return allowed.response;
	return jsonError(
		405,
		'method_not_allowed',
		'Participants are never deleted: set their status to inactive (PATCH with status and statusReason)',
		undefined,
		{ Allow: 'GET, PATCH' }
	);
};

export const fallback: RequestHandler = methodNotAllowed;
