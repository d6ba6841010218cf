import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import * as displayTokens from '$lib/server/wall/tokens';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'display-tokens', 'delete', 'all');
	if (!allowed.ok) return allowed.response;
	if (!isUuid(params.id) || !(await displayTokens.revoke(params.id))) {
		return jsonError(404, 'not_found', 'No such display token');
	}
	return new Response(null, { status: 204 });
};

export const fallback: RequestHandler = methodNotAllowed;
