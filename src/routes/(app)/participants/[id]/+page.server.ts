import { error, fail } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { can, scopeOf } from '$lib/server/auth/permissions';
import { figuresFor } from '$lib/server/budgets/dashboard';
import { describeDbError } from '$lib/server/db/errors';
import * as documents from '$lib/server/documents/service';
import { fieldErrors } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import * as audit from '$lib/server/services/audit';
import * as goals from '$lib/server/services/goals';
import * as records from '$lib/server/services/participant-records';
import * as participants from '$lib/server/services/participants';
import * as progressNotes from '$lib/server/services/progress-notes';
import { DEFAULT_TIME_ZONE } from '$lib/server/time';
import { DOCUMENT_TYPES, GOAL_STATUSES, PARTICIPANT_STATUSES } from '$lib/shared/enums';
import type { Actions, PageServerLoad } from './$types';

type ActionName =
	'assign' | 'unassign' | 'setStatus' | 'addGoal' | 'updateGoal' | 'addNote' | 'uploadDocument';
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
	const goalScope = scopeOf(user.role, 'goals', 'read');
	const noteScope = scopeOf(user.role, 'progress-notes', 'read');
	const documentScope = scopeOf(user.role, 'documents', 'read');
	const sessionScope = scopeOf(user.role, 'session-logs', 'read');
	const eventScope = scopeOf(user.role, 'calendar-events', 'read');
	return {
		participant,
		budgetFigures: await figuresFor(participant.id),
		staff,
		assignable: canAssign
			? (await participants.assignableStaff()).filter((s) => !assigned.has(s.userId))
			: [],
		canAssign,
		canUnassign: can(user.role, 'assignments', 'delete'),
		canEdit: can(user.role, 'participants', 'update'),
		statuses: PARTICIPANT_STATUSES,
		history: can(user.role, 'record-history', 'read')
			? await audit.history('participants', participant.id)
			: null,
		timeZone: DEFAULT_TIME_ZONE,
		goals: goalScope
			? ((await goals.list(participant.id, { id: user.id, scope: goalScope })) ?? [])
			: null,
		goalStatuses: GOAL_STATUSES,
		canAddGoal: can(user.role, 'goals', 'create'),
		canUpdateGoal: can(user.role, 'goals', 'update'),
		progressNotes: noteScope
			? (
					await progressNotes.list(
						progressNotes.noteFilters.parse({ participantId: participant.id, limit: 20 }),
						{ id: user.id, role: user.role, scope: noteScope }
					)
				).data
			: null,
		canAddNote: can(user.role, 'progress-notes', 'create'),
		documents: documentScope
			? await documents.list(
					documents.documentFilters.parse({ participantId: participant.id, limit: 50 }),
					{ id: user.id, scope: documentScope }
				)
			: null,
		documentTypes: DOCUMENT_TYPES,
		canUploadDocument: can(user.role, 'documents', 'create'),
		maxUploadMb: Math.round((await documents.documentSettings()).maxBytes / 1024 / 1024),
		sessions: sessionScope
			? await records.recentSessions(participant.id, { id: user.id, scope: sessionScope })
			: null,
		invoices: can(user.role, 'invoices', 'read')
			? await records.recentInvoices(participant.id)
			: null,
		events: eventScope
			? await records.upcomingEvents(participant.id, { id: user.id, scope: eventScope })
			: null,
		canExport: can(user.role, 'participants', 'export')
	};
}) satisfies PageServerLoad;

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/** Form fields left empty are not sent, so the schema's defaults and optionals apply. */
function filled(form: FormData, names: string[]): Record<string, string> {
	const values: Record<string, string> = {};
	for (const name of names) {
		const value = text(form, name).trim();
		if (value !== '') values[name] = value;
	}
	return values;
}

const GOAL_FIELDS = ['category', 'goal', 'description', 'progressPercentage', 'status', 'dueDate'];

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
	},
	addGoal: async ({ locals, params, request }) => {
		const scope = authorize(locals.user, 'goals', 'create');
		const parsed = goals.newGoalSchema.safeParse(filled(await request.formData(), GOAL_FIELDS));
		if (!parsed.success) {
			return refuse(400, {
				action: 'addGoal',
				message: 'Some fields need attention',
				fields: fieldErrors(parsed.error)
			});
		}
		if (!isUuid(params.id)) error(404, 'No such participant');
		const created = await goals.create(params.id, parsed.data, { id: locals.user!.id, scope });
		if (!created) error(404, 'No such participant');
		return { action: 'addGoal', ok: true, message: 'Goal added' } satisfies Outcome;
	},

	updateGoal: async ({ locals, params, request }) => {
		const scope = authorize(locals.user, 'goals', 'update');
		const form = await request.formData();
		const goalId = text(form, 'goalId');
		const parsed = goals.goalPatchSchema.safeParse(filled(form, ['progressPercentage', 'status']));
		if (!parsed.success) {
			return refuse(400, {
				action: 'updateGoal',
				message: 'Progress must be a whole number from 0 to 100',
				fields: fieldErrors(parsed.error)
			});
		}
		const updated =
			isUuid(params.id) && isUuid(goalId)
				? await goals.update(params.id, goalId, parsed.data, { id: locals.user!.id, scope })
				: null;
		if (!updated) return refuse(404, { action: 'updateGoal', message: 'No such goal' });
		return { action: 'updateGoal', ok: true, message: 'Goal updated' } satisfies Outcome;
	},

	addNote: async ({ locals, params, request }) => {
		const scope = authorize(locals.user, 'progress-notes', 'create');
		const form = await request.formData();
		const outcomes = text(form, 'outcomes')
			.split(/\r?\n/)
			.map((line) => line.trim())
			.filter((line) => line !== '');
		const parsed = progressNotes.newNoteSchema.safeParse({
			...filled(form, ['date', 'sessionType', 'duration', 'notes']),
			participantId: params.id,
			outcomes
		});
		if (!parsed.success) {
			return refuse(400, {
				action: 'addNote',
				message: 'Some fields need attention',
				fields: fieldErrors(parsed.error)
			});
		}
		const user = locals.user!;
		try {
			const note = await progressNotes.create(parsed.data, {
				id: user.id,
				role: user.role,
				scope
			});
			if (!note) error(404, 'No such participant');
		} catch (err) {
			if (err instanceof progressNotes.NoteValidationError) {
				return refuse(400, { action: 'addNote', message: err.message, fields: err.fields });
			}
			const failure = describeDbError(err);
			if (!failure) throw err;
			return refuse(failure.status, { action: 'addNote', message: failure.message });
		}
		return { action: 'addNote', ok: true, message: 'Progress note added' } satisfies Outcome;
	},

	/** The documents upload, with the participant fixed to this one. */
	uploadDocument: async ({ locals, params, request }) => {
		const scope = authorize(locals.user, 'documents', 'create');
		if (!isUuid(params.id)) error(404, 'No such participant');
		const form = await request.formData();
		form.set('participantId', params.id);
		const file = form.get('file');
		const fields = documents.uploadFieldsFrom(form);
		const errors = fields.success ? {} : fieldErrors(fields.error);
		const hasFile = file instanceof File && file.size > 0;
		if (!hasFile) errors.file = 'Choose a file to upload';
		if (!fields.success || !hasFile) {
			return refuse(400, {
				action: 'uploadDocument',
				message: 'Some fields need attention',
				fields: errors
			});
		}
		const outcome = await documents.upload(
			{ file, fields: fields.data },
			{ id: locals.user!.id, scope }
		);
		if (!outcome.ok) {
			// The service's file messages are fragments ("is empty"); the form shows sentences.
			const { status, message } = outcome;
			const fields = outcome.fields?.file ? { ...outcome.fields, file: message } : outcome.fields;
			return refuse(status, { action: 'uploadDocument', message, fields });
		}
		return {
			action: 'uploadDocument',
			ok: true,
			message: `Uploaded “${outcome.data.name}”`
		} satisfies Outcome;
	}
} satisfies Actions;
