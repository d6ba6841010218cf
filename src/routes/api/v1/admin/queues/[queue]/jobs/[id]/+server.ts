import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import * as queues from '$lib/server/services/queues';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'jobs', 'delete', 'all');
	if (!allowed.ok) return allowed.response;
	if (!(await queues.removeFailed(params.queue, params.id))) {
		return jsonError(404, 'not_found', 'No such failed job');
	}
	return new Response(null, { status: 204 });
};

export const fallback: RequestHandler = methodNotAllowed;
