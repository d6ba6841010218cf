import { error, fail, redirect } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { describeDbError } from '$lib/server/db/errors';
import { fieldErrors } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import * as participants from '$lib/server/services/participants';
import { FORM_FIELDS, readParticipantForm } from '../../form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	const scope = authorize(locals.user, 'participants', 'update');
	const participant = isUuid(params.id)
		? await participants.get(params.id, { id: locals.user!.id, scope })
		: null;
	if (!participant) error(404, 'No such participant');
	const values: Record<string, string> = {};
	for (const name of FORM_FIELDS) values[name] = String(participant[name] ?? '');
	return { participant: { id: participant.id, name: participant.name }, values };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, params, request }) => {
		authorize(locals.user, 'participants', 'update');
		if (!isUuid(params.id)) error(404, 'No such participant');
		const { values, input } = readParticipantForm(await request.formData());
		if (input.allowOverspend) values.allowOverspend = 'on';
		// The status changes on the participant's page, where a reason is asked for.
		delete input.status;
		const parsed = participants.participantPatchSchema.safeParse(input);
		const message = 'Some fields need attention';
		if (!parsed.success) return fail(400, { message, fields: fieldErrors(parsed.error), values });
		try {
			const updated = await participants.update(params.id, parsed.data);
			if (!updated) error(404, 'No such participant');
		} catch (err) {
			if (err instanceof participants.ParticipantValidationError) {
				return fail(400, { message, fields: err.fields, values });
			}
			const failure = describeDbError(err);
			if (!failure) throw err;
			return fail(failure.status, {
				message: failure.message,
				fields: failure.fields ?? {},
				values
			});
		}
		redirect(303, `/participants/${params.id}?saved=1`);
	}
} satisfies Actions;
