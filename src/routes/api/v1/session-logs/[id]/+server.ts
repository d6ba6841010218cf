import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { isUuid } from '$lib/server/http/query';
import * as sessions from '$lib/server/services/session-logs';
import { actorOf, failureResponse, sessionNotFound } from '../respond';
import type { RequestHandler } from './$types';

// Someone else's session answers 404 like a missing one.
export const GET: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'session-logs', 'read');
	if (!allowed.ok) return allowed.response;
	const session = isUuid(params.id)
		? await sessions.get(params.id, actorOf(locals, allowed.scope))
		: null;
	return session ? json(session) : sessionNotFound();
};

export const PATCH: RequestHandler = async (event) => {
	const { locals, params } = event;
	const allowed = apiAuthorize(locals.user, 'session-logs', 'update');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, sessions.sessionPatchSchema);
	if (!body.ok) return body.response;
	if (!isUuid(params.id)) return sessionNotFound();
	try {
		return json(await sessions.update(params.id, body.data, actorOf(locals, allowed.scope)));
	} catch (err) {
		return failureResponse(err);
	}
};

export const DELETE: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'session-logs', 'delete');
	if (!allowed.ok) return allowed.response;
	if (!isUuid(params.id)) return sessionNotFound();
	try {
		await sessions.remove(params.id, actorOf(locals, allowed.scope));
		return new Response(null, { status: 204 });
	} catch (err) {
		return failureResponse(err);
	}
};

export const fallback: RequestHandler = methodNotAllowed;
