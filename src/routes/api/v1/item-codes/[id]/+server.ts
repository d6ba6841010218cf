import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import * as itemCodes from '$lib/server/services/item-codes';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'item-codes', 'read');
	if (!allowed.ok) return allowed.response;
	const item = isUuid(params.id) ? await itemCodes.get(params.id) : null;
	return item ? json(item) : jsonError(404, 'not_found', 'No such item code');
};

export const fallback: RequestHandler = methodNotAllowed;
