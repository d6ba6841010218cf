import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed } from '$lib/server/http/body';
import { fieldErrors, jsonError } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import * as staff from '$lib/server/services/staff';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const allowed = apiAuthorize(locals.user, 'staff', 'read');
	if (!allowed.ok) return allowed.response;
	const filters = staff.staffFiltersFor(locals.user!.role).safeParse(queryObject(url.searchParams));
	if (!filters.success) {
		return jsonError(400, 'validation', 'Some filters need attention', fieldErrors(filters.error));
	}
	return json(await staff.list(filters.data, locals.user!));
};

export const fallback: RequestHandler = methodNotAllowed;
