import { authorize } from '$lib/server/auth/authorize';
import { can } from '$lib/server/auth/permissions';
import { dashboard, dashboardFilters } from '$lib/server/budgets/dashboard';
import { queryObject } from '$lib/server/http/query';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url, depends }) => {
	// Every participant's money: coordinators and administrators, not frontline staff.
	authorize(locals.user, 'participants', 'read', 'all');
	const canSeeInvoices = can(locals.user!.role, 'invoices', 'read');
	depends('app:budgets');
	const filters = dashboardFilters.parse(queryObject(url.searchParams));
	return { filters, canSeeInvoices, board: await dashboard(filters) };
}) satisfies PageServerLoad;
