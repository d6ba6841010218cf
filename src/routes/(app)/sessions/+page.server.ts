import { fail } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { scopeOf } from '$lib/server/auth/permissions';
import { fieldErrors } from '$lib/server/http/errors';
import { isUuid, queryObject } from '$lib/server/http/query';
import * as sessions from '$lib/server/services/session-logs';
import { tx } from '$lib/server/db';
import { User } from '$lib/server/db/models';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url, depends }) => {
	const scope = authorize(locals.user, 'session-logs', 'read');
	depends('app:sessions');
	const user = locals.user!;
	const canReview = scopeOf(user.role, 'session-logs', 'approve') === 'all';
	const query = queryObject(url.searchParams);
	// Coordinators arrive at their queue; workers at all of their own sessions.
	if (canReview && query.status === undefined) query.status = 'pending';
	if (query.status === 'any') delete query.status;
	const parsed = sessions.sessionFilters.safeParse(query);
	const filters = parsed.success ? parsed.data : sessions.sessionFilters.parse({});
	const result = await sessions.list(filters, { id: user.id, role: user.role, scope });
	const options = await sessions.formOptions(user);
	const staff = canReview
		? await tx(() =>
				User.findAll({
					where: { isActive: true, role: ['support_worker', 'allied_health'] },
					attributes: ['id', 'name'],
					order: [['name', 'ASC']]
				})
			)
		: [];
	return {
		...result,
		filters: { ...filters, status: filters.status ?? 'any' },
		filterErrors: parsed.success ? {} : fieldErrors(parsed.error),
		canReview,
		canLog: scopeOf(user.role, 'session-logs', 'create') !== null,
		userId: user.id,
		participants: options.participants.map((p) => ({ id: p.id, name: p.name })),
		staff: staff.map((s) => ({ id: s.id, name: s.name }))
	};
}) satisfies PageServerLoad;

export const actions = {
	review: async ({ locals, request }) => {
		const scope = authorize(locals.user, 'session-logs', 'approve', 'all');
		const form = await request.formData();
		const parsed = sessions.bulkReviewSchema.safeParse({
			ids: form.getAll('ids').map(String),
			action: form.get('decision'),
			reason: form.get('reason') ?? undefined
		});
		if (!parsed.success) {
			const fields = fieldErrors(parsed.error);
			const message = fields.ids
				? `Sessions: ${fields.ids}`
				: fields.reason
					? `Reason ${fields.reason}`
					: 'Choose approve or reject';
			return fail(400, { message, fields });
		}
		const { ids, action, reason } = parsed.data;
		const decision = action === 'approve' ? { action } : { action, reason: reason ?? '' };
		const user = locals.user!;
		const outcomes = await sessions.review(ids, decision, { id: user.id, role: user.role, scope });
		const done = outcomes.filter((o) => o.ok).length;
		const problems = outcomes.flatMap((o) => (o.ok ? [] : [o.message]));
		const verb = action === 'approve' ? 'approved' : 'rejected';
		return {
			message: `${done} session${done === 1 ? '' : 's'} ${verb}.`,
			problems: [...new Set(problems)]
		};
	},
	approveOne: async ({ locals, request }) => {
		const scope = authorize(locals.user, 'session-logs', 'approve', 'all');
		const id = String((await request.formData()).get('id') ?? '');
		const user = locals.user!;
		const [outcome] = await sessions.review(
			[id].filter(isUuid),
			{ action: 'approve' },
			{
				id: user.id,
				role: user.role,
				scope
			}
		);
		if (!outcome) return fail(404, { message: 'No such session log', problems: [] });
		if (!outcome.ok) return fail(outcome.status, { message: outcome.message, problems: [] });
		return { message: '1 session approved.', problems: [] };
	}
} satisfies Actions;
