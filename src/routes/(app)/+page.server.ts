import { authorize } from '$lib/server/auth/authorize';
import * as dashboard from '$lib/server/services/dashboard';
import { DEFAULT_TIME_ZONE } from '$lib/server/time';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, depends }) => {
	// Every role reads its own notifications, so this asks for no more than being signed in. Each
	// role's figures are chosen by the service and narrowed again by row-level security.
	authorize(locals.user, 'notifications', 'read', 'own');
	const user = locals.user!;
	// The page reloads its figures when a session, document, budget or roster event arrives.
	depends('app:dashboard');
	return {
		dashboard: await dashboard.forViewer({ id: user.id, role: user.role }),
		timeZone: DEFAULT_TIME_ZONE
	};
}) satisfies PageServerLoad;
