import { fail } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { listAccessReviews } from '$lib/server/maintenance/access-review';
import { providerSettings } from '$lib/server/provider-settings';
import * as queues from '$lib/server/services/queues';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, depends }) => {
	authorize(locals.user, 'jobs', 'read', 'all');
	depends('app:queues');
	const [overview, reviews, settings] = await Promise.all([
		queues.overview(),
		listAccessReviews(),
		providerSettings()
	]);
	return {
		queues: overview,
		runnable: queues.RUNNABLE,
		reviews: reviews.map((r) => ({
			id: r.id,
			period: r.period,
			createdAt: new Date(r.created_at).toISOString(),
			summary: r.summary
		})),
		timeZone: settings.timeZone,
		loadedAt: new Date().toISOString()
	};
}) satisfies PageServerLoad;

const field = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

export const actions = {
	run: async ({ locals, request }) => {
		authorize(locals.user, 'jobs', 'create', 'all');
		const name = field(await request.formData(), 'name');
		const outcome = await queues.runNow(name);
		if (!outcome.ok) return fail(outcome.status, { ok: false, message: outcome.message });
		return { ok: true, message: `${name} queued (job ${outcome.jobId}).` };
	},
	retry: async ({ locals, request }) => {
		authorize(locals.user, 'jobs', 'update', 'all');
		const form = await request.formData();
		const id = field(form, 'id');
		if (!(await queues.retryFailed(field(form, 'queue'), id))) {
			return fail(404, {
				ok: false,
				message: 'That failed job is gone: it was retried or removed.'
			});
		}
		return { ok: true, message: `Job ${id} queued again.` };
	},
	remove: async ({ locals, request }) => {
		authorize(locals.user, 'jobs', 'delete', 'all');
		const form = await request.formData();
		const id = field(form, 'id');
		if (!(await queues.removeFailed(field(form, 'queue'), id))) {
			return fail(404, {
				ok: false,
				message: 'That failed job is gone: it was retried or removed.'
			});
		}
		return { ok: true, message: `Job ${id} removed.` };
	}
} satisfies Actions;
