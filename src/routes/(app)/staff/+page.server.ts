import { authorize } from '$lib/server/auth/authorize';
import { fieldScope } from '$lib/server/auth/permissions';
import { fieldErrors } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import * as staff from '$lib/server/services/staff';
import { STAFF_STATUSES, USER_ROLES } from '$lib/shared/enums';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	authorize(locals.user, 'staff', 'read');
	const user = locals.user!;
	const parsed = staff.staffFiltersFor(user.role).safeParse(queryObject(url.searchParams));
	const filters = parsed.success ? parsed.data : staff.staffFilters.parse({});
	return {
		list: await staff.list(filters, user),
		// Frontline staff get no pay columns: the rows carry no colleague's rate or hours anyway.
		seesPay: fieldScope(user.role, 'staff.hourlyRate') === 'all',
		filters,
		filterErrors: parsed.success ? {} : fieldErrors(parsed.error),
		roles: USER_ROLES,
		statuses: STAFF_STATUSES
	};
}) satisfies PageServerLoad;
