/**
 * A participant's goals, for the participant hub and `/api/v1/participants/{id}/goals`. Every call
 * runs in the caller's transaction (tx), so row-level security and the audit trigger know who
 * acts. The participant is looked up through the viewer's scope first: a participant the viewer
 * may not see answers null (404), like one that does not exist.
 */
import { z } from 'zod';
import { isRealDate } from '../validation/fields';
import { tx } from '../db';
import { ParticipantGoal } from '../db/models';
import { GOAL_STATUSES, type GoalStatus } from '../../shared/enums';
import * as participants from './participants';

export type { Viewer } from './participants';
type Viewer = participants.Viewer;

export type GoalDto = {
	id: string;
	participantId: string;
	category: string;
	goal: string;
	description: string | null;
	progressPercentage: number;
	status: GoalStatus;
	dueDate: string | null;
	createdAt: string;
	updatedAt: string;
};

function toDto(g: ParticipantGoal): GoalDto {
	return {
		id: g.id,
		participantId: g.participantId,
		category: g.category,
		goal: g.goal,
		description: g.description,
		progressPercentage: g.progressPercentage ?? 0,
		status: g.status ?? 'not_started',
		dueDate: g.dueDate,
		createdAt: g.createdAt.toISOString(),
		updatedAt: g.updatedAt.toISOString()
	};
}

const dueDate = z.preprocess(
	(v) => (v === '' ? null : v),
	z
		.string({ error: 'must be a date (YYYY-MM-DD)' })
		.trim()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
		.refine(isRealDate, 'is not a real calendar date')
		.nullable()
		.optional()
);

const fields = {
	category: z
		.string({ error: 'is required' })
		.trim()
		.min(1, 'is required')
		.max(100, 'must be at most 100 characters'),
	goal: z.string({ error: 'is required' }).trim().min(1, 'is required').max(10_000, 'is too long'),
	description: z
		.string({ error: 'must be text' })
		.trim()
		.max(10_000, 'is too long')
		.transform((v) => (v === '' ? null : v))
		.nullable()
		.optional(),
	progressPercentage: z.coerce
		.number({ error: 'must be a number from 0 to 100' })
		.int('must be a whole number')
		.min(0, 'must be at least 0')
		.max(100, 'must be at most 100')
		.optional(),
	status: z.enum(GOAL_STATUSES, { error: `must be one of ${GOAL_STATUSES.join(', ')}` }).optional(),
	dueDate
};

const unknownFields = (issue: { code: string; keys?: string[] }) =>
	issue.code === 'unrecognized_keys'
		? `${issue.keys?.join(', ')}: not a field of a goal`
		: undefined;

export const newGoalSchema = z.strictObject(fields, { error: unknownFields });
export type NewGoal = z.infer<typeof newGoalSchema>;

export const goalPatchSchema = z
	.strictObject(
		{ ...fields, category: fields.category.optional(), goal: fields.goal.optional() },
		{ error: unknownFields }
	)
	.superRefine((patch, ctx) => {
		if (Object.keys(patch).length === 0) {
			ctx.addIssue({ code: 'custom', path: ['body'], message: 'send at least one field' });
		}
	});
export type GoalPatch = z.infer<typeof goalPatchSchema>;

/** Reaching 100% completes the goal, unless the change says which status it has. */
function withImpliedStatus<T extends { progressPercentage?: number; status?: GoalStatus }>(
	values: T
): T {
	if (values.progressPercentage === 100 && values.status === undefined) {
		return { ...values, status: 'completed' };
	}
	return values;
}

/** The participant's goals, soonest due first; null when the participant is not visible. */
export async function list(participantId: string, viewer: Viewer): Promise<GoalDto[] | null> {
	if (!(await participants.get(participantId, viewer))) return null;
	const rows = await tx(() =>
		ParticipantGoal.findAll({
			where: { participantId },
			order: [
				['dueDate', 'ASC NULLS LAST'],
				['createdAt', 'ASC'],
				['id', 'ASC']
			]
		})
	);
	return rows.map(toDto);
}

export async function create(
	participantId: string,
	input: NewGoal,
	viewer: Viewer
): Promise<GoalDto | null> {
	if (!(await participants.get(participantId, viewer))) return null;
	const values = withImpliedStatus(input);
	return tx(async () => {
		const goal = await ParticipantGoal.create({
			participantId,
			category: values.category,
			goal: values.goal,
			description: values.description ?? null,
			dueDate: values.dueDate ?? null,
			...(values.progressPercentage !== undefined
				? { progressPercentage: values.progressPercentage }
				: {}),
			...(values.status !== undefined ? { status: values.status } : {})
		});
		return toDto(goal);
	});
}

async function findVisible(participantId: string, goalId: string, viewer: Viewer) {
	if (!(await participants.get(participantId, viewer))) return null;
	return tx(() => ParticipantGoal.findOne({ where: { id: goalId, participantId } }));
}

export async function get(
	participantId: string,
	goalId: string,
	viewer: Viewer
): Promise<GoalDto | null> {
	const goal = await findVisible(participantId, goalId, viewer);
	return goal ? toDto(goal) : null;
}

export async function update(
	participantId: string,
	goalId: string,
	patch: GoalPatch,
	viewer: Viewer
): Promise<GoalDto | null> {
	if (!(await participants.get(participantId, viewer))) return null;
	const changes = withImpliedStatus(patch);
	return tx(async () => {
		const goal = await ParticipantGoal.findOne({ where: { id: goalId, participantId } });
		if (!goal) return null;
		await goal.update(changes);
		return toDto(goal);
	});
}

/** False when there is no such goal for that participant. Coordinators and admins only. */
export async function remove(participantId: string, goalId: string): Promise<boolean> {
	return tx(async () => {
		const removed = await ParticipantGoal.destroy({ where: { id: goalId, participantId } });
		return removed > 0;
	});
}
