import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { isUuid } from '$lib/server/http/query';
import * as sessions from '$lib/server/services/session-logs';
import { actorOf, sessionNotFound } from '../../respond';
import { singleOutcome } from '../../review';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const { locals, params } = event;
	const allowed = apiAuthorize(locals.user, 'session-logs', 'approve');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, sessions.rejectSchema);
	if (!body.ok) return body.response;
	if (!isUuid(params.id)) return sessionNotFound();
	const [outcome] = await sessions.review(
		[params.id],
		{ action: 'reject', reason: body.data.reason },
		actorOf(locals, allowed.scope)
	);
	return singleOutcome(outcome);
};

export const fallback: RequestHandler = methodNotAllowed;
