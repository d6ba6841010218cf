import { error } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { isUuid } from '$lib/server/http/query';
import * as audit from '$lib/server/services/audit';
import type { PageServerLoad } from './$types';

// One record's history: what coordinators may see too, unlike the whole trail.
export const load = (async ({ locals, params, url }) => {
	authorize(locals.user, 'record-history', 'read');
	if (!/^[a-z_]{1,100}$/.test(params.table) || !isUuid(params.id)) error(404, 'Not found');
	const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
	return {
		table: params.table,
		id: params.id,
		trail: await audit.history(params.table, params.id, page)
	};
}) satisfies PageServerLoad;
