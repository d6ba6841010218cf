import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed } from '$lib/server/http/body';
import { fieldErrors, jsonError } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import * as notifications from '$lib/server/services/notifications';
import type { RequestHandler } from './$types';

// Everyone reads only their own notifications; the answer adds the unread count for the bell.
export const GET: RequestHandler = async ({ locals, url }) => {
	const allowed = apiAuthorize(locals.user, 'notifications', 'read');
	if (!allowed.ok) return allowed.response;
	const filters = notifications.notificationFilters.safeParse(queryObject(url.searchParams));
	if (!filters.success) {
		return jsonError(400, 'validation', 'Some filters need attention', fieldErrors(filters.error));
	}
	return json(await notifications.list(locals.user!.id, filters.data));
};

export const fallback: RequestHandler = methodNotAllowed;
