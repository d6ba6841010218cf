import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import * as R from '$lib/server/http/responses';
import * as queues from '$lib/server/services/queues';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'jobs', 'create', 'all');
	if (!allowed.ok) return allowed.response;
	const outcome = await queues.runNow(params.name);
	if (!outcome.ok) {
		return jsonError(
			outcome.status,
			outcome.status === 404 ? 'not_found' : 'validation',
			outcome.message
		);
	}
	return json({ jobId: outcome.jobId } satisfies R.Answer<typeof R.JobQueued>, { status: 202 });
};

export const fallback: RequestHandler = methodNotAllowed;
