import { fail, redirect } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { clientOf } from '$lib/server/auth/handle';
import { requestPasswordReset } from '$lib/server/auth/reset';
import { forgotPasswordSchema } from '$lib/server/auth/schemas';
import { fieldErrors } from '$lib/server/http/errors';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => {
	if (locals.user) redirect(303, '/');
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '');
		const parsed = forgotPasswordSchema.safeParse({ email });
		if (!parsed.success) {
			return fail(400, { email, fields: fieldErrors(parsed.error), message: null, sent: false });
		}
		// The configured origin, so a forged Host header cannot point the emailed link elsewhere.
		const origin = config.origin ?? event.url.origin;
		const result = await requestPasswordReset(parsed.data.email, origin, clientOf(event));
		if (!result.ok) return fail(429, { email, fields: {}, message: result.message, sent: false });
		return { email: '', fields: {}, message: null, sent: true };
	}
} satisfies Actions;
