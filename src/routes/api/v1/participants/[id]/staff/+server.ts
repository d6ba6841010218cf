import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import * as participants from '$lib/server/services/participants';
import { failureResponse, participantNotFound } from '../../respond';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'assignments', 'read');
	if (!allowed.ok) return allowed.response;
	// Frontline staff see the team only of participants they work with themselves.
	const viewer = { id: locals.user!.id, scope: allowed.scope };
	if (!isUuid(params.id) || !(await participants.get(params.id, viewer))) {
		return participantNotFound();
	}
	return json({ data: await participants.listStaff(params.id) });
};

export const POST: RequestHandler = async (event) => {
	const { locals, params } = event;
	const allowed = apiAuthorize(locals.user, 'assignments', 'create', 'all');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, participants.assignmentSchema);
	if (!body.ok) return body.response;
	if (!isUuid(params.id)) return participantNotFound();
	try {
		const outcome = await participants.assign(params.id, body.data.userId, locals.user!.id);
		if (outcome === 'no_participant') return participantNotFound();
		if (outcome === 'no_user') {
			const message = 'must be an active support worker or allied health professional';
			return jsonError(400, 'validation', `userId ${message}`, { userId: message });
		}
		return json({ data: await participants.listStaff(params.id) }, { status: 201 });
	} catch (err) {
		return failureResponse(err);
	}
};

export const DELETE: RequestHandler = async ({ locals, params, url }) => {
	const allowed = apiAuthorize(locals.user, 'assignments', 'delete', 'all');
	if (!allowed.ok) return allowed.response;
	const userId = url.searchParams.get('userId') ?? '';
	if (!isUuid(userId)) {
		return jsonError(400, 'validation', 'userId must be a user id', {
			userId: 'must be a user id'
		});
	}
	if (!isUuid(params.id)) return participantNotFound();
	if (!(await participants.unassign(params.id, userId))) {
		return jsonError(404, 'not_found', 'That person is not assigned to this participant');
	}
	return new Response(null, { status: 204 });
};

export const fallback: RequestHandler = methodNotAllowed;
