import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import * as goals from '$lib/server/services/goals';
import { failureResponse } from '../../../respond';
import type { RequestHandler } from './$types';

const goalNotFound = () => jsonError(404, 'not_found', 'No such goal');

export const GET: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'goals', 'read');
	if (!allowed.ok) return allowed.response;
	if (!isUuid(params.id) || !isUuid(params.goalId)) return goalNotFound();
	const viewer = { id: locals.user!.id, scope: allowed.scope };
	const goal = await goals.get(params.id, params.goalId, viewer);
	return goal ? json(goal) : goalNotFound();
};

export const PATCH: RequestHandler = async (event) => {
	const { locals, params } = event;
	const allowed = apiAuthorize(locals.user, 'goals', 'update');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, goals.goalPatchSchema);
	if (!body.ok) return body.response;
	if (!isUuid(params.id) || !isUuid(params.goalId)) return goalNotFound();
	try {
		const viewer = { id: locals.user!.id, scope: allowed.scope };
		const goal = await goals.update(params.id, params.goalId, body.data, viewer);
		return goal ? json(goal) : goalNotFound();
	} catch (err) {
		return failureResponse(err);
	}
};

export const DELETE: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'goals', 'delete', 'all');
	if (!allowed.ok) return allowed.response;
	if (!isUuid(params.id) || !isUuid(params.goalId)) return goalNotFound();
	if (!(await goals.remove(params.id, params.goalId))) return goalNotFound();
	return new Response(null, { status: 204 });
};

export const fallback: RequestHandler = methodNotAllowed;
