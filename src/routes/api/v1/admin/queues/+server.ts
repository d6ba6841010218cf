import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed } from '$lib/server/http/body';
import * as R from '$lib/server/http/responses';
import * as queues from '$lib/server/services/queues';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	const allowed = apiAuthorize(locals.user, 'jobs', 'read', 'all');
	if (!allowed.ok) return allowed.response;
	const answer = { data: await queues.overview(), runnable: queues.RUNNABLE };
	return json(answer satisfies R.Answer<typeof R.QueuesAnswer>);
};

export const fallback: RequestHandler = methodNotAllowed;
