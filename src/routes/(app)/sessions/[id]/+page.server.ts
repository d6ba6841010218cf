import { error, fail, redirect } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { scopeOf } from '$lib/server/auth/permissions';
import { fieldErrors } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import * as sessions from '$lib/server/services/session-logs';
import { formFields, readSessionForm, serviceFailure, SERVICE_TYPES } from '../form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, url, depends }) => {
	const scope = authorize(locals.user, 'session-logs', 'read');
	depends('app:sessions');
	const user = locals.user!;
	const session = isUuid(params.id)
		? await sessions.get(params.id, { id: user.id, role: user.role, scope })
		: null;
	if (!session) error(404, 'No such session log');
	const updateScope = scopeOf(user.role, 'session-logs', 'update');
	const mayEdit =
		session.status !== 'approved' &&
		(updateScope === 'all' || (updateScope === 'own' && session.staffId === user.id));
	const mayReview =
		scopeOf(user.role, 'session-logs', 'approve') === 'all' &&
		session.status === 'pending' &&
		session.staffId !== user.id;
	return {
		session,
		mayEdit,
		mayReview,
		logged: url.searchParams.has('logged'),
		serviceTypes: SERVICE_TYPES
	};
}) satisfies PageServerLoad;

function actor(locals: App.Locals, action: 'update' | 'delete' | 'approve') {
	const scope = authorize(
		locals.user,
		'session-logs',
		action,
		action === 'approve' ? 'all' : undefined
	);
	return { id: locals.user!.id, role: locals.user!.role, scope };
}

export const actions = {
	update: async ({ locals, params, request }) => {
		const who = actor(locals, 'update');
		const { values, input, fields } = await readSessionForm(await request.formData(), 'edit');
		delete input.participantId;
		const parsed = sessions.sessionPatchSchema.safeParse(input);
		if (!parsed.success || Object.keys(fields).length > 0) {
			const all = { ...(parsed.success ? {} : formFields(fieldErrors(parsed.error))), ...fields };
			return fail(400, { message: 'Some fields need attention', fields: all, values });
		}
		try {
			await sessions.update(params.id, parsed.data, who);
		} catch (err) {
			return serviceFailure(err, values);
		}
		return { saved: true, message: 'Changes saved.' };
	},
	delete: async ({ locals, params }) => {
		const who = actor(locals, 'delete');
		try {
			await sessions.remove(params.id, who);
		} catch (err) {
			return serviceFailure(err, {});
		}
		redirect(303, '/sessions');
	},
	approve: async ({ locals, params }) => {
		const who = actor(locals, 'approve');
		const [outcome] = await sessions.review([params.id], { action: 'approve' }, who);
		if (!outcome?.ok) return fail(409, { message: outcome?.message ?? 'No such session log' });
		return { message: 'Approved. The worker has been notified.' };
	},
	reject: async ({ locals, params, request }) => {
		const who = actor(locals, 'approve');
		const parsed = sessions.rejectSchema.safeParse({
			reason: (await request.formData()).get('reason') ?? undefined
		});
		if (!parsed.success) {
			return fail(400, {
				message: 'Reason ' + (fieldErrors(parsed.error).reason ?? 'is required'),
				rejectError: true
			});
		}
		const [outcome] = await sessions.review(
			[params.id],
			{ action: 'reject', reason: parsed.data.reason },
			who
		);
		if (!outcome?.ok) return fail(409, { message: outcome?.message ?? 'No such session log' });
		return { message: 'Rejected. The worker has been notified with your reason.' };
	}
} satisfies Actions;
