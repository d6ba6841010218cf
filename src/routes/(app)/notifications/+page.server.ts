import { fail } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { isUuid } from '$lib/server/http/query';
import * as notifications from '$lib/server/services/notifications';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url, depends }) => {
	authorize(locals.user, 'notifications', 'read');
	depends('app:notifications');
	const show = url.searchParams.get('show') === 'unread' ? 'unread' : 'all';
	const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
	const result = await notifications.list(locals.user!.id, {
		unread: show === 'unread' ? true : undefined,
		page,
		limit: 25
	});
	return {
		show,
		...result,
		data: result.data.map((n) => ({ ...n, href: notifications.relatedHref(n) }))
	};
}) satisfies PageServerLoad;

export const actions = {
	read: async ({ locals, request }) => {
		authorize(locals.user, 'notifications', 'update');
		const id = String((await request.formData()).get('id') ?? '');
		if (!isUuid(id)) return fail(400, { message: 'Choose a notification to mark read' });
		const marked = await notifications.markRead(locals.user!.id, id);
		if (!marked) return fail(404, { message: 'That notification no longer exists' });
		return { message: 'Marked as read' };
	},
	readAll: async ({ locals }) => {
		authorize(locals.user, 'notifications', 'update');
		const count = await notifications.markAllRead(locals.user!.id);
		return {
			message: count === 1 ? '1 notification marked read' : `${count} notifications marked read`
		};
	}
} satisfies Actions;
