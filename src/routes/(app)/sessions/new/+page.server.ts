import { redirect } from '@sveltejs/kit';
import { fail } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { fieldErrors } from '$lib/server/http/errors';
import * as sessions from '$lib/server/services/session-logs';
import { localDate } from '$lib/server/time';
import {
	formFields,
	itemSuggestions,
	readSessionForm,
	serviceFailure,
	SERVICE_TYPES
} from '../form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	authorize(locals.user, 'session-logs', 'create');
	const options = await sessions.formOptions(locals.user!);
	const participantId = url.searchParams.get('participantId') ?? '';
	return {
		participants: options.participants,
		items: await itemSuggestions(),
		serviceTypes: SERVICE_TYPES,
		defaults: { sessionDate: localDate(new Date()), participantId }
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request }) => {
		const scope = authorize(locals.user, 'session-logs', 'create');
		const { values, input, fields } = await readSessionForm(await request.formData(), 'create');
		const parsed = sessions.newSessionSchema.safeParse(input);
		const message = 'Some fields need attention';
		if (!parsed.success || Object.keys(fields).length > 0) {
			const all = { ...(parsed.success ? {} : formFields(fieldErrors(parsed.error))), ...fields };
			return fail(400, { message, fields: all, values });
		}
		const user = locals.user!;
		let id: string;
		try {
			id = (await sessions.create(parsed.data, { id: user.id, role: user.role, scope })).id;
		} catch (err) {
			return serviceFailure(err, values);
		}
		redirect(303, `/sessions/${id}?logged=1`);
	}
} satisfies Actions;
