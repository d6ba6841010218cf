import { fail } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { fieldErrors } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import { providerSettings } from '$lib/server/provider-settings';
import * as displayTokens from '$lib/server/wall/tokens';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	authorize(locals.user, 'display-tokens', 'read', 'all');
	const [tokens, settings] = await Promise.all([displayTokens.list(), providerSettings()]);
	return { tokens, timeZone: settings.timeZone };
}) satisfies PageServerLoad;

export const actions = {
	create: async ({ locals, request, setHeaders }) => {
		authorize(locals.user, 'display-tokens', 'create', 'all');
		const name = (await request.formData()).get('name');
		const parsed = displayTokens.newDisplayTokenSchema.safeParse({ name });
		if (!parsed.success) {
			return fail(400, {
				action: 'create' as const,
				fields: fieldErrors(parsed.error),
				name: typeof name === 'string' ? name : ''
			});
		}
		const created = await displayTokens.create(parsed.data.name);
		// The answer carries the token itself, shown this once.
		setHeaders({ 'cache-control': 'no-store' });
		return { action: 'create' as const, created };
	},
	revoke: async ({ locals, request }) => {
		authorize(locals.user, 'display-tokens', 'delete', 'all');
		const id = (await request.formData()).get('id');
		if (typeof id !== 'string' || !isUuid(id) || !(await displayTokens.revoke(id))) {
			return fail(404, { action: 'revoke' as const, message: 'No such display token' });
		}
		return { action: 'revoke' as const, message: 'Revoked: its screens have been disconnected.' };
	}
} satisfies Actions;
