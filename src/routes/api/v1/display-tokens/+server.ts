import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import * as displayTokens from '$lib/server/wall/tokens';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	const allowed = apiAuthorize(locals.user, 'display-tokens', 'read', 'all');
	if (!allowed.ok) return allowed.response;
	return json({ data: await displayTokens.list() });
};

export const POST: RequestHandler = async (event) => {
	const allowed = apiAuthorize(event.locals.user, 'display-tokens', 'create', 'all');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, displayTokens.newDisplayTokenSchema);
	if (!body.ok) return body.response;
	// The only answer that ever holds the token itself: it is not stored, only its hash.
	return json(await displayTokens.create(body.data.name), {
		status: 201,
		headers: { 'cache-control': 'no-store' }
	});
};

export const fallback: RequestHandler = methodNotAllowed;
