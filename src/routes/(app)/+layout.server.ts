import { redirect } from '@sveltejs/kit';
import { navFor } from '$lib/server/nav';
import type { LayoutServerLoad } from './$types';

// The guard for every signed-in page: no session, no page, back after signing in.
export const load = (({ locals, url }) => {
	if (!locals.user) {
		redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return { user: locals.user, nav: navFor(locals.user.role) };
}) satisfies LayoutServerLoad;
