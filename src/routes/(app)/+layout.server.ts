import { redirect } from '@sveltejs/kit';
import { navFor } from '$lib/server/nav';
import { providerSettings } from '$lib/server/provider-settings';
import { unreadCount } from '$lib/server/services/notifications';
import { getMine } from '$lib/server/services/settings';
import { isTimeFormat } from '$lib/shared/format';
import type { LayoutServerLoad } from './$types';

// The guard for every signed-in page: no session, no page, back after signing in.
export const load = (async ({ locals, url, depends }) => {
	if (!locals.user) {
		redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	}
	// The bell's count; pages that change notifications invalidate this.
	depends('app:notifications');
	const [unread, provider, prefs] = await Promise.all([
		unreadCount(locals.user.id),
		providerSettings(),
		getMine(locals.user.id)
	]);
	const timeFormat = prefs['display.time_format'];
	return {
		user: locals.user,
		nav: navFor(locals.user.role),
		unread,
		organisationName: provider.organisationName,
		// Every page formats dates and times in this one style (see the layout's context).
		dateTimeStyle: {
			timeZone: provider.timeZone,
			timeFormat: isTimeFormat(timeFormat) ? timeFormat : '24h'
		}
	};
}) satisfies LayoutServerLoad;
