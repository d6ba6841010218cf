import { error, fail } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { can } from '$lib/server/auth/permissions';
import { describeDbError } from '$lib/server/db/errors';
import { fieldErrors } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import * as audit from '$lib/server/services/audit';
import * as participants from '$lib/server/services/participants';
import { DEFAULT_TIME_ZONE } from '$lib/server/time';
import { PARTICIPANT_STATUSES } from '$lib/shared/enums';
import type { Actions, PageServerLoad } from './$types';

type ActionName = 'assign' | 'unassign' | 'setStatus';
type Outcome = {
	action: ActionName;
	ok: boolean;
	message: string;
	fields?: Record<string, string>;
};

const refuse = (status: number, outcome: Omit<Outcome, 'ok'>) =>
	fail(status, { ...outcome, ok: false } as Outcome);

export const load = (async ({ locals, params }) => {
	const scope = authorize(locals.user, 'participants', 'read');
	const user = locals.user!;
	// Missing and out of scope look the same, so a participant's existence does not leak.
	const participant = isUuid(params.id)
		? await participants.get(params.id, { id: user.id, scope })
		: null;
	if (!participant) error(404, 'No such participant');
	const canAssign = can(user.role, 'assignments', 'create');
	const staff = can(user.role, 'assignments', 'read')
		? await participants.listStaff(participant.id)
		: [];
	const assigned = new Set(staff.map((s) => s.userId));
	return {
		participant,
		staff,
		assignable: canAssign
			? (await participants.assignableStaff()).filter((s) => !assigned.has(s.userId))
			: [],
		canAssign,
		canUnassign: can(user.role, 'assignments', 'delete'),
		canEdit: can(user.role, 'participants', 'update'),
		statuses: PARTICIPANT_STATUSES,
		history: can(user.role, 'record-history', 'read')
			? (await audit.history('participants', participant.id)).data
			: null,
		timeZone: DEFAULT_TIME_ZONE
	};
}) satisfies PageServerLoad;

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

export const actions = {
	assign: async ({ locals, params, request }) => {
		authorize(locals.user, 'assignments', 'create', 'all');
		const userId = text(await request.formData(), 'userId');
		if (!isUuid(userId) || !isUuid(params.id)) {
			return refuse(400, { action: 'assign', message: 'Choose a staff member to assign' });
		}
		try {
			const outcome = await participants.assign(params.id, userId, locals.user!.id);
			if (outcome === 'no_participant') error(404, 'No such participant');
			if (outcome === 'no_user') {
				return refuse(400, {
					action: 'assign',
					message: 'Only active support workers and allied health staff can be assigned'
				});
			}
		} catch (err) {
			const failure = describeDbError(err);
			if (!failure) throw err;
			return refuse(failure.status, { action: 'assign', message: failure.message });
		}
		return { action: 'assign', ok: true, message: 'Staff member assigned' } satisfies Outcome;
	},

	unassign: async ({ locals, params, request }) => {
		authorize(locals.user, 'assignments', 'delete', 'all');
		const userId = text(await request.formData(), 'userId');
		const removed =
			isUuid(userId) && isUuid(params.id) && (await participants.unassign(params.id, userId));
		if (!removed) {
			return refuse(404, { action: 'unassign', message: 'That person was not assigned' });
		}
		return { action: 'unassign', ok: true, message: 'Staff member unassigned' } satisfies Outcome;
	},

	setStatus: async ({ locals, params, request }) => {
		authorize(locals.user, 'participants', 'update', 'all');
		const form = await request.formData();
		const parsed = participants.statusChangeSchema.safeParse({
			status: text(form, 'status'),
			reason: text(form, 'reason')
		});
		if (!parsed.success) {
			return refuse(400, {
				action: 'setStatus',
				message: 'Some fields need attention',
				fields: fieldErrors(parsed.error)
			});
		}
		if (!isUuid(params.id)) error(404, 'No such participant');
		const updated = await participants.setStatus(params.id, parsed.data.status, parsed.data.reason);
		if (!updated) error(404, 'No such participant');
		return { action: 'setStatus', ok: true, message: 'Status changed' } satisfies Outcome;
	}
} satisfies Actions;
