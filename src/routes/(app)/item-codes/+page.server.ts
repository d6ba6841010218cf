import { fail } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { can } from '$lib/server/auth/permissions';
import { STATES } from '$lib/server/catalogue/types';
import { fieldErrors } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import * as catalogueImport from '$lib/server/services/item-code-import';
import * as itemCodes from '$lib/server/services/item-codes';
import { ITEM_CODE_STATUSES } from '$lib/shared/enums';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	authorize(locals.user, 'item-codes', 'read');
	const parsed = itemCodes.itemCodeFilters.safeParse(queryObject(url.searchParams));
	const filters = parsed.success ? parsed.data : itemCodes.itemCodeFilters.parse({});
	return {
		list: await itemCodes.list(filters),
		filters,
		filterErrors: parsed.success ? {} : fieldErrors(parsed.error),
		categories: itemCodes.ITEM_CATEGORIES,
		unitTypes: itemCodes.UNIT_TYPES,
		statuses: ITEM_CODE_STATUSES,
		canImport: can(locals.user!.role, 'item-codes', 'import'),
		states: STATES
	};
}) satisfies PageServerLoad;

export const actions = {
	preview: async ({ locals, request }) => {
		authorize(locals.user, 'item-codes', 'import', 'all');
		const form = await request.formData();
		const file = form.get('file');
		const rawState = form.get('state');
		const state = typeof rawState === 'string' && rawState !== '' ? rawState : null;
		if (!(file instanceof File)) {
			return fail(400, {
				step: 'preview' as const,
				ok: false,
				message: 'Choose a CSV file to upload.'
			});
		}
		if (state !== null && !catalogueImport.validState(state)) {
			return fail(400, {
				step: 'preview' as const,
				ok: false,
				message: 'Choose a state from the list.'
			});
		}
		const result = await catalogueImport.preview(file, state);
		if (!result.ok) return fail(result.status, { step: 'preview' as const, ...result });
		return { step: 'preview' as const, ...result };
	},

	import: async ({ locals, request }) => {
		authorize(locals.user, 'item-codes', 'import', 'all');
		const form = await request.formData();
		const id = form.get('id');
		const result = await catalogueImport.confirm(typeof id === 'string' ? id : '');
		if (!result.ok) return fail(result.status, { step: 'import' as const, ...result });
		return { step: 'import' as const, ...result };
	}
} satisfies Actions;
