import { fail, redirect } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { describeDbError } from '$lib/server/db/errors';
import { fieldErrors } from '$lib/server/http/errors';
import * as participants from '$lib/server/services/participants';
import { readParticipantForm } from '../form';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => {
	authorize(locals.user, 'participants', 'create', 'all');
	return {};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request }) => {
		authorize(locals.user, 'participants', 'create', 'all');
		const { values, input } = readParticipantForm(await request.formData());
		if (input.allowOverspend) values.allowOverspend = 'on';
		const parsed = participants.newParticipantSchema.safeParse(input);
		const message = 'Some fields need attention';
		if (!parsed.success) return fail(400, { message, fields: fieldErrors(parsed.error), values });
		let id: string;
		try {
			id = (await participants.create(parsed.data, locals.user!.id)).id;
		} catch (err) {
			const failure = describeDbError(err);
			if (!failure) throw err;
			return fail(failure.status, {
				message: failure.message,
				fields: failure.fields ?? {},
				values
			});
		}
		redirect(303, `/participants/${id}?created=1`);
	}
} satisfies Actions;
