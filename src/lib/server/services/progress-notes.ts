/**
 * Progress notes, for the participant hub and `/api/v1/progress-notes`. Every call runs in the
 * caller's transaction (tx), so row-level security and the audit trigger know who acts. Frontline
 * staff ('own' scope) see and change only the notes they wrote, and write them only for
 * participants they are assigned to; coordinators may record a note for another worker.
 */
import { Op, type WhereOptions } from 'sequelize';
import { z } from 'zod';
import { scopeOf, type Scope } from '../auth/permissions';
import { tx } from '../db';
import { ProgressNote, SessionLog } from '../db/models';
import type { UserRole } from '../../shared/enums';
import * as participants from './participants';
import { isoDate as date, optionalText, outcomesList } from '../validation/fields';

/** Who acts: their id, role, and the scope the policy gave them for progress notes. */
export type NoteActor = { id: string; role: UserRole; scope: Scope };

/** A rule broken by the combination of a note and stored records (400 with fields). */
export class NoteValidationError extends Error {
	constructor(readonly fields: Record<string, string>) {
		super('Some fields need attention');
	}
}

export type ProgressNoteDto = {
	id: string;
	participantId: string;
	sessionLogId: string | null;
	sessionLogDate: string | null;
	workerId: string;
	date: string;
	sessionType: string | null;
	duration: string | null;
	notes: string | null;
	outcomes: string[];
	createdAt: string;
};

function toDto(n: ProgressNote): ProgressNoteDto {
	return {
		id: n.id,
		participantId: n.participantId,
		sessionLogId: n.sessionLogId,
		sessionLogDate: n.sessionLogDate,
		workerId: n.workerId,
		date: n.date,
		sessionType: n.sessionType,
		duration: n.duration,
		notes: n.notes,
		outcomes: n.outcomes ?? [],
		createdAt: n.createdAt.toISOString()
	};
}

const outcomes = outcomesList.optional();

const fields = {
	participantId: z.uuid({ error: 'Choose a participant' }),
	sessionLogId: z.uuid({ error: 'Choose a session' }).nullable().optional(),
	workerId: z.uuid({ error: 'Choose a staff member' }).optional(),
	date,
	sessionType: optionalText(100),
	duration: optionalText(50),
	notes: optionalText(10_000),
	outcomes
};

const unknownFields = (issue: { code: string; keys?: string[] }) =>
	issue.code === 'unrecognized_keys'
		? `${issue.keys?.join(', ')}: not a field of a progress note`
		: undefined;

export const newNoteSchema = z.strictObject(
	{ ...fields, date: z.string({ error: 'is required' }).pipe(date) },
	{ error: unknownFields }
);
export type NewNote = z.infer<typeof newNoteSchema>;

export const notePatchSchema = z
	.strictObject(
		{
			date: date.optional(),
			sessionType: fields.sessionType,
			duration: fields.duration,
			notes: fields.notes,
			outcomes
		},
		{ error: unknownFields }
	)
	.superRefine((patch, ctx) => {
		if (Object.keys(patch).length === 0) {
			ctx.addIssue({ code: 'custom', path: ['body'], message: 'send at least one field' });
		}
	});
export type NotePatch = z.infer<typeof notePatchSchema>;

export const NOTE_SORTS = ['date', '-date', 'createdAt', '-createdAt'] as const;

export const noteFilters = z.object({
	participantId: z.uuid({ error: 'must be a participant id' }).optional(),
	workerId: z.uuid({ error: 'must be a user id' }).optional(),
	from: date.optional(),
	to: date.optional(),
	page: z.coerce.number({ error: 'must be a number' }).int().min(1).default(1),
	limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(25),
	sort: z.enum(NOTE_SORTS, { error: `must be one of ${NOTE_SORTS.join(', ')}` }).default('-date')
});
export type NoteFilters = z.infer<typeof noteFilters>;

function scopeWhere(actor: NoteActor): WhereOptions<ProgressNote> | null {
	return actor.scope === 'all' ? null : { workerId: actor.id };
}

export async function list(filters: NoteFilters, actor: NoteActor) {
	const where: WhereOptions<ProgressNote>[] = [];
	const scoped = scopeWhere(actor);
	if (scoped) where.push(scoped);
	if (filters.participantId) where.push({ participantId: filters.participantId });
	if (filters.workerId) where.push({ workerId: filters.workerId });
	if (filters.from) where.push({ date: { [Op.gte]: filters.from } });
	if (filters.to) where.push({ date: { [Op.lte]: filters.to } });
	const field = filters.sort.replace(/^-/, '');
	const direction = filters.sort.startsWith('-') ? 'DESC' : 'ASC';
	const { rows, count } = await tx(() =>
		ProgressNote.findAndCountAll({
			where: { [Op.and]: where },
			order: [
				[field, direction],
				['createdAt', direction],
				['id', 'ASC']
			],
			limit: filters.limit,
			offset: (filters.page - 1) * filters.limit
		})
	);
	return {
		data: rows.map(toDto),
		total: count,
		page: filters.page,
		limit: filters.limit
	};
}

/** One note, or null when there is none or the actor may not see it (indistinguishable). */
export async function get(id: string, actor: NoteActor): Promise<ProgressNoteDto | null> {
	const scoped = scopeWhere(actor);
	const note = await tx(() =>
		ProgressNote.findOne({ where: scoped ? { [Op.and]: [{ id }, scoped] } : { id } })
	);
	return note ? toDto(note) : null;
}

/** Null when the participant is not one the actor may see. */
export async function create(input: NewNote, actor: NoteActor): Promise<ProgressNoteDto | null> {
	const participantScope = scopeOf(actor.role, 'participants', 'read');
	if (!participantScope) return null;
	const visible = await participants.get(input.participantId, {
		id: actor.id,
		scope: participantScope
	});
	if (!visible) return null;
	if (input.workerId && input.workerId !== actor.id && actor.scope !== 'all') {
		throw new NoteValidationError({ workerId: 'you can only write notes as yourself' });
	}
	return tx(async () => {
		let sessionLogDate: string | null = null;
		if (input.sessionLogId) {
			const session = await SessionLog.findOne({
				where: { id: input.sessionLogId },
				attributes: ['id', 'participantId', 'sessionDate']
			});
			if (!session || session.participantId !== input.participantId) {
				throw new NoteValidationError({
					sessionLogId: 'must be a session of this participant'
				});
			}
			sessionLogDate = session.sessionDate;
		}
		const note = await ProgressNote.create({
			participantId: input.participantId,
			sessionLogId: input.sessionLogId ?? null,
			sessionLogDate,
			workerId: input.workerId ?? actor.id,
			date: input.date,
			sessionType: input.sessionType ?? null,
			duration: input.duration ?? null,
			notes: input.notes ?? null,
			outcomes: input.outcomes ?? []
		});
		return toDto(note);
	});
}

/** Null when there is no such note or it is not the actor's to change. */
export async function update(
	id: string,
	patch: NotePatch,
	actor: NoteActor
): Promise<ProgressNoteDto | null> {
	const scoped = scopeWhere(actor);
	return tx(async () => {
		const note = await ProgressNote.findOne({
			where: scoped ? { [Op.and]: [{ id }, scoped] } : { id }
		});
		if (!note) return null;
		await note.update(patch);
		return toDto(note);
	});
}
