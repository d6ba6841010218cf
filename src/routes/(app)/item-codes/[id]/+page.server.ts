import { error } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { isUuid } from '$lib/server/http/query';
import * as itemCodes from '$lib/server/services/item-codes';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	authorize(locals.user, 'item-codes', 'read');
	const item = isUuid(params.id) ? await itemCodes.get(params.id) : null;
	if (!item) error(404, 'No such item code');
	return { item };
}) satisfies PageServerLoad;
