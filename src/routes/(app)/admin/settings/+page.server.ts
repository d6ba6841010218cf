import { fail } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { can } from '$lib/server/auth/permissions';
import * as settings from '$lib/server/services/settings';
import type { Actions, PageServerLoad } from './$types';

type Outcome = { ok: boolean; key: string; message: string; error?: string; value?: string };

export const load = (async ({ locals }) => {
	authorize(locals.user, 'settings-system', 'read');
	return {
		settings: await settings.listSystem(),
		canEdit: can(locals.user!.role, 'settings-system', 'update')
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ locals, request }) => {
		authorize(locals.user, 'settings-system', 'update', 'all');
		const form = await request.formData();
		const key = String(form.get('key') ?? '');
		// An unticked checkbox sends nothing at all: that is the boolean's 'false'.
		const raw = form.get('value');
		const value = typeof raw === 'string' ? raw : 'false';
		const outcome = await settings.updateSystem(key, value);
		if (!outcome.ok) {
			return fail(outcome.status, {
				ok: false,
				key,
				message: outcome.message,
				error: outcome.fields?.value ?? outcome.message,
				value
			} satisfies Outcome);
		}
		return { ok: true, key, message: `Saved ${outcome.data.label}` } satisfies Outcome;
	}
} satisfies Actions;
