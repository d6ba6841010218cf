import { json } from '@sveltejs/kit';
import { clientOf } from '$lib/server/auth/handle';
import { SIGN_IN_STATUS, signIn } from '$lib/server/auth/login';
import { loginSchema } from '$lib/server/auth/schemas';
import { setSessionTokenCookie } from '$lib/server/auth/session';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const input = await readJson(event, loginSchema);
	if (!input.ok) return input.response;
	const result = await signIn(input.data, clientOf(event));
	if (!result.ok) {
		const status = SIGN_IN_STATUS[result.reason];
		const code = result.reason === 'invalid' ? 'unauthorized' : result.reason;
		return jsonError(status, code, result.message);
	}
	setSessionTokenCookie(event, result.token, result.session.expiresAt);
	return json({ user: result.user });
};

export const fallback: RequestHandler = methodNotAllowed;
