import { authorize } from '$lib/server/auth/authorize';
import { fieldErrors } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import * as audit from '$lib/server/services/audit';
import * as users from '$lib/server/services/users';
import { DEFAULT_TIME_ZONE } from '$lib/server/time';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	authorize(locals.user, 'audit-logs', 'read');
	const query = queryObject(url.searchParams);
	const parsed = audit.auditFilters.safeParse(query);
	// Bad filters show their messages beside the form rather than a page of unfiltered history.
	const list = parsed.success ? await audit.list(parsed.data) : null;
	const trail = list && { ...list, names: await audit.namesFor(list.data) };
	const people = await users.list({ page: 1, limit: 100, sort: 'name' });
	return {
		trail,
		query,
		filterErrors: parsed.success ? {} : fieldErrors(parsed.error),
		people: people.data.map(({ id, name }) => ({ id, name })),
		timeZone: DEFAULT_TIME_ZONE
	};
}) satisfies PageServerLoad;
