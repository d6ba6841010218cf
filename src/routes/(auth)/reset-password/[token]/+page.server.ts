import { fail, redirect } from '@sveltejs/kit';
import { clientOf } from '$lib/server/auth/handle';
import { isResetTokenUsable, RESET_MESSAGES, resetPassword } from '$lib/server/auth/reset';
import { resetPasswordSchema } from '$lib/server/auth/schemas';
import { fieldErrors } from '$lib/server/http/errors';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, setHeaders }) => {
	// The token is in the path: never send it on to another site, never keep it in a cache.
	setHeaders({ 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' });
	const usable = await isResetTokenUsable(params.token);
	return { invalid: usable ? null : RESET_MESSAGES.invalid };
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const parsed = resetPasswordSchema.safeParse({
			password: String(form.get('password') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		});
		if (!parsed.success) return fail(400, { fields: fieldErrors(parsed.error), message: null });
		const result = await resetPassword(event.params.token, parsed.data.password, clientOf(event));
		if (!result.ok) return fail(400, { fields: {}, message: result.message });
		redirect(303, '/login?reset=done');
	}
} satisfies Actions;
