import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed } from '$lib/server/http/body';
import { isUuid } from '$lib/server/http/query';
import * as sessions from '$lib/server/services/session-logs';
import { actorOf, sessionNotFound } from '../../respond';
import { singleOutcome } from '../../review';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'session-logs', 'approve');
	if (!allowed.ok) return allowed.response;
	if (!isUuid(params.id)) return sessionNotFound();
	const [outcome] = await sessions.review(
		[params.id],
		{ action: 'approve' },
		actorOf(locals, allowed.scope)
	);
	return singleOutcome(outcome);
};

export const fallback: RequestHandler = methodNotAllowed;
