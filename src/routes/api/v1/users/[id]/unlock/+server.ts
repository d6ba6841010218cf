import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import * as users from '$lib/server/services/users';
import type { RequestHandler } from './$types';

/** Lifts a sign-in lock now: account managers only, like every change to another account. */
export const POST: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'users', 'update', 'all');
	if (!allowed.ok) return allowed.response;
	if (!isUuid(params.id)) return jsonError(404, 'not_found', 'No such user');
	const result = await users.unlock(params.id);
	if (result.ok) return json(result.user);
	return result.reason === 'not_found'
		? jsonError(404, 'not_found', result.message)
		: jsonError(409, 'conflict', result.message);
};

export const fallback: RequestHandler = methodNotAllowed;
