import { json } from '@sveltejs/kit';
import { methodNotAllowed } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) => {
	if (!locals.user) return jsonError(401, 'unauthorized', 'Sign in to continue');
	return json({ user: locals.user });
};

export const fallback: RequestHandler = methodNotAllowed;
