import { authorize } from '$lib/server/auth/authorize';
import { fieldErrors } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import * as staff from '$lib/server/services/staff';
import { STAFF_STATUSES, USER_ROLES } from '$lib/shared/enums';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	authorize(locals.user, 'staff', 'read');
	const parsed = staff.staffFilters.safeParse(queryObject(url.searchParams));
	const filters = parsed.success ? parsed.data : staff.staffFilters.parse({});
	return {
		list: await staff.list(filters),
		filters,
		filterErrors: parsed.success ? {} : fieldErrors(parsed.error),
		roles: USER_ROLES,
		statuses: STAFF_STATUSES
	};
}) satisfies PageServerLoad;
