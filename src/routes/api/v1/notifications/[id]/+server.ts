import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import * as notifications from '$lib/server/services/notifications';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'notifications', 'read');
	if (!allowed.ok) return allowed.response;
	const found = isUuid(params.id) ? await notifications.get(locals.user!.id, params.id) : null;
	return found ? json(found) : jsonError(404, 'not_found', 'No such notification');
};

export const fallback: RequestHandler = methodNotAllowed;
