import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { isUuid } from '$lib/server/http/query';
import * as R from '$lib/server/http/responses';
import * as goals from '$lib/server/services/goals';
import { failureResponse, participantNotFound } from '../../respond';
import type { RequestHandler } from './$types';

// Out of scope answers 404 like a missing participant, so its existence does not leak.
export const GET: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'goals', 'read');
	if (!allowed.ok) return allowed.response;
	const viewer = { id: locals.user!.id, scope: allowed.scope };
	const data = isUuid(params.id) ? await goals.list(params.id, viewer) : null;
	if (!data) return participantNotFound();
	const answer = { data, total: data.length, page: 1, limit: Math.max(data.length, 1) };
	return json(answer satisfies R.Answer<typeof R.Lists.goals>);
};

export const POST: RequestHandler = async (event) => {
	const { locals, params } = event;
	const allowed = apiAuthorize(locals.user, 'goals', 'create');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, goals.newGoalSchema);
	if (!body.ok) return body.response;
	if (!isUuid(params.id)) return participantNotFound();
	try {
		const viewer = { id: locals.user!.id, scope: allowed.scope };
		const goal = await goals.create(params.id, body.data, viewer);
		return goal ? json(goal, { status: 201 }) : participantNotFound();
	} catch (err) {
		return failureResponse(err);
	}
};

export const fallback: RequestHandler = methodNotAllowed;
