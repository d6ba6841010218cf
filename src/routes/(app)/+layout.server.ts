import { redirect } from '@sveltejs/kit';
import { navFor } from '$lib/server/nav';
import { unreadCount } from '$lib/server/services/notifications';
import type { LayoutServerLoad } from './$types';

// The guard for every signed-in page: no session, no page, back after signing in.
export const load = (async ({ locals, url, depends }) => {
	if (!locals.user) {
		redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	}
	// The bell's count; pages that change notifications invalidate this.
	depends('app:notifications');
	return {
		user: locals.user,
		nav: navFor(locals.user.role),
		unread: await unreadCount(locals.user.id)
	};
}) satisfies LayoutServerLoad;
