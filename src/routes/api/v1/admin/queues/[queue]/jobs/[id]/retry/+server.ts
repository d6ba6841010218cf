import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import * as R from '$lib/server/http/responses';
import * as queues from '$lib/server/services/queues';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'jobs', 'update', 'all');
	if (!allowed.ok) return allowed.response;
	if (!(await queues.retryFailed(params.queue, params.id))) {
		return jsonError(404, 'not_found', 'No such failed job');
	}
	return json({ jobId: params.id } satisfies R.Answer<typeof R.JobQueued>);
};

export const fallback: RequestHandler = methodNotAllowed;
