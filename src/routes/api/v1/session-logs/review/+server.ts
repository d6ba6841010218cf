import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import * as R from '$lib/server/http/responses';
import * as sessions from '$lib/server/services/session-logs';
import { actorOf } from '../respond';
import type { RequestHandler } from './$types';

/** Approves or rejects many at once; each id gets its own outcome (200 even when some failed). */
export const POST: RequestHandler = async (event) => {
	const { locals } = event;
	const allowed = apiAuthorize(locals.user, 'session-logs', 'approve');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, sessions.bulkReviewSchema);
	if (!body.ok) return body.response;
	const { ids, action, reason } = body.data;
	const decision = action === 'approve' ? { action } : { action, reason: reason ?? '' };
	const outcomes = await sessions.review(ids, decision, actorOf(locals, allowed.scope));
	return json({
		data: outcomes.map((o) =>
			o.ok
				? { id: o.id, ok: true, status: o.session.status }
				: { id: o.id, ok: false, error: o.message }
		),
		reviewed: outcomes.filter((o) => o.ok).length
	} satisfies R.Answer<typeof R.ReviewResult>);
};

export const fallback: RequestHandler = methodNotAllowed;
