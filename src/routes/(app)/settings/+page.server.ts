import { fail } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import * as settings from '$lib/server/services/settings';
import { PREFERENCE_KEYS } from '$lib/shared/preferences';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	authorize(locals.user, 'settings-me', 'read', 'own');
	return { prefs: await settings.getMine(locals.user!.id) };
}) satisfies PageServerLoad;

export const actions = {
	/** The whole form at once: an unticked checkbox sends nothing, which is its 'false'. */
	save: async ({ locals, request }) => {
		authorize(locals.user, 'settings-me', 'update', 'own');
		const userId = locals.user!.id;
		const form = await request.formData();
		const fields: Record<string, string> = {};
		for (const key of PREFERENCE_KEYS) {
			const raw = form.get(key);
			const outcome = await settings.setMine(userId, key, typeof raw === 'string' ? raw : 'false');
			if (!outcome.ok) fields[key] = outcome.fields?.value ?? outcome.message;
		}
		if (Object.keys(fields).length > 0) {
			return fail(400, { ok: false, message: 'Some preferences need attention', fields });
		}
		return { ok: true, message: 'Your preferences are saved', fields };
	}
} satisfies Actions;
