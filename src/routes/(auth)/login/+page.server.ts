import { fail, redirect } from '@sveltejs/kit';
import { clientOf } from '$lib/server/auth/handle';
import { SIGN_IN_STATUS, signIn } from '$lib/server/auth/login';
import { loginSchema } from '$lib/server/auth/schemas';
import { setSessionTokenCookie } from '$lib/server/auth/session';
import { fieldErrors } from '$lib/server/http/errors';
import { safeRedirect } from '$lib/server/http/safe-redirect';
import type { Actions, PageServerLoad } from './$types';

// A fixed message chosen by a flag, so the query string cannot put words on the sign-in page.
const NOTICES: Record<string, string> = {
	done: 'Your password has been changed; sign in with the new one'
};

export const load = (({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return { notice: NOTICES[url.searchParams.get('reset') ?? ''] ?? null };
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '');
		const parsed = loginSchema.safeParse({ email, password: String(form.get('password') ?? '') });
		if (!parsed.success) {
			return fail(400, { email, fields: fieldErrors(parsed.error), message: null });
		}
		// Limits (per IP, per account) are checked inside signIn, shared with the API.
		const result = await signIn(parsed.data, clientOf(event));
		if (!result.ok) {
			return fail(SIGN_IN_STATUS[result.reason], { email, fields: {}, message: result.message });
		}
		setSessionTokenCookie(event, result.token, result.session.expiresAt);
		redirect(303, safeRedirect(event.url.searchParams.get('redirectTo')));
	}
} satisfies Actions;
