import { authorize } from '$lib/server/auth/authorize';
import { can } from '$lib/server/auth/permissions';
import { fieldErrors } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import * as participants from '$lib/server/services/participants';
import { PARTICIPANT_STATUSES, PLAN_MANAGERS } from '$lib/shared/enums';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	const scope = authorize(locals.user, 'participants', 'read');
	const user = locals.user!;
	const parsed = participants.participantFilters.safeParse(queryObject(url.searchParams));
	// A bad filter in a hand-edited URL shows its message beside the form, over the full list.
	const filters = parsed.success ? parsed.data : participants.participantFilters.parse({});
	return {
		list: await participants.list(filters, { id: user.id, scope }),
		filters,
		filterErrors: parsed.success ? {} : fieldErrors(parsed.error),
		statuses: PARTICIPANT_STATUSES,
		planManagers: PLAN_MANAGERS,
		canCreate: can(user.role, 'participants', 'create')
	};
}) satisfies PageServerLoad;
