import { redirect } from '@sveltejs/kit';
import { fail } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { fieldErrors } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import { forSessionLog } from '$lib/server/services/calendar-events';
import * as sessions from '$lib/server/services/session-logs';
import { localDate } from '$lib/server/time';
import { wallClock } from '$lib/shared/zone';
import { DEFAULT_TIME_ZONE } from '$lib/server/time';
import { formFields, readSessionForm, serviceFailure, SERVICE_TYPES } from '../form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	authorize(locals.user, 'session-logs', 'create');
	const options = await sessions.formOptions(locals.user!);
	const participantId = url.searchParams.get('participantId') ?? '';
	const fromEvent = url.searchParams.get('fromEvent');
	const prefill = fromEvent
		? await fromShift(fromEvent, locals.user!.id, options.participants)
		: null;
	return {
		participants: options.participants,
		serviceTypes: SERVICE_TYPES,
		defaults:
			prefill?.ok === true ? prefill.values : { sessionDate: localDate(new Date()), participantId },
		prefill: prefill ? { ok: prefill.ok, message: prefill.message } : null
	};
}) satisfies PageServerLoad;

/**
 * The session a completed shift on the worker's own roster suggests: its participant, local date
 * and times, and the service type when the shift's title starts with one. Checked here, on the
 * server: the shift must be the worker's, completed, and with a participant they work with.
 */
async function fromShift(
	id: string,
	userId: string,
	participants: { id: string; name: string }[]
): Promise<
	{ ok: true; message: string; values: Record<string, string> } | { ok: false; message: string }
> {
	if (!isUuid(id)) return { ok: false, message: 'That shift link is not valid.' };
	const found = await forSessionLog(id, userId);
	if (!found.ok) return { ok: false, message: `${found.message}.` };
	const { event } = found;
	if (!participants.some((p) => p.id === event.participantId)) {
		return { ok: false, message: 'You are not assigned to the participant of that shift.' };
	}
	const start = wallClock(event.startDatetime, DEFAULT_TIME_ZONE);
	const end = wallClock(event.endDatetime, DEFAULT_TIME_ZONE);
	const serviceType =
		SERVICE_TYPES.find((type) => event.title.toLowerCase().startsWith(type.toLowerCase())) ?? '';
	return {
		ok: true,
		message: `Filled in from your shift “${event.title}”. Check the details and add the support item.`,
		values: {
			participantId: event.participantId!,
			sessionDate: start.slice(0, 10),
			startTime: start.slice(11, 16),
			endTime: end.slice(11, 16),
			serviceType
		}
	};
}

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
