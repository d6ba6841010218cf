import { clientOf } from '$lib/server/auth/handle';
import { signOut } from '$lib/server/auth/login';
import { deleteSessionTokenCookie } from '$lib/server/auth/session';
import { methodNotAllowed } from '$lib/server/http/body';
import type { RequestHandler } from './$types';

// Signing out twice is not an error: either way the caller ends up signed out.
export const POST: RequestHandler = async (event) => {
	const { session, user } = event.locals;
	if (session && user) await signOut(session, user, clientOf(event));
	deleteSessionTokenCookie(event);
	return new Response(null, { status: 204 });
};

export const fallback: RequestHandler = methodNotAllowed;
