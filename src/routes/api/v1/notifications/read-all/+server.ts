import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed } from '$lib/server/http/body';
import * as R from '$lib/server/http/responses';
import * as notifications from '$lib/server/services/notifications';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals }) => {
	const allowed = apiAuthorize(locals.user, 'notifications', 'update');
	if (!allowed.ok) return allowed.response;
	const marked = await notifications.markAllRead(locals.user!.id);
	return json({ marked, unread: 0 } satisfies R.Answer<typeof R.ReadAllResult>);
};

export const fallback: RequestHandler = methodNotAllowed;
