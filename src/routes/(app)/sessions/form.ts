/**
 * Reads the session form (new and edit pages) into what the schemas expect, and the failures of
 * the service into what the form shows. The item is typed or picked by its NDIS code and turned
 * into its id here; outcomes of the progress note are one per line.
 */
import { fail } from '@sveltejs/kit';
import { Op } from 'sequelize';
import { describeDbError } from '$lib/server/db/errors';
import { tx } from '$lib/server/db';
import { NdisItemCode } from '$lib/server/db/models';
import { SessionRuleError } from '$lib/server/services/session-logs';

export const FORM_FIELDS = [
	'participantId',
	'serviceType',
	'itemCode',
	'sessionDate',
	'startTime',
	'endTime',
	'travelKilometers',
	'notes',
	'outcomes',
	'nextSteps',
	'participantMood',
	'challenges',
	'achievements',
	'addNote',
	'noteText',
	'noteOutcomes'
] as const;

export type SessionFormValues = Partial<Record<(typeof FORM_FIELDS)[number], string>>;

export async function readSessionForm(form: FormData, mode: 'create' | 'edit') {
	const values: SessionFormValues = {};
	for (const name of FORM_FIELDS) {
		const value = form.get(name);
		if (typeof value === 'string') values[name] = value;
	}
	const input: Record<string, unknown> = {};
	const copy = [
		'serviceType',
		'sessionDate',
		'startTime',
		'endTime',
		'travelKilometers',
		'notes',
		'outcomes',
		'nextSteps',
		'challenges',
		'achievements'
	] as const;
	for (const name of copy) if (values[name] !== undefined) input[name] = values[name];
	if (mode === 'create') input.participantId = values.participantId ?? '';
	input.participantMood = values.participantMood ? values.participantMood : null;
	const fields: Record<string, string> = {};
	const code = (values.itemCode ?? '').split(' ')[0]?.trim() ?? '';
	if (code) {
		const item = await tx(() =>
			NdisItemCode.findOne({ where: { code: { [Op.iLike]: code } }, attributes: ['id'] })
		);
		if (item) input.ndisItemCodeId = item.id;
		else fields.ndisItemCodeId = 'is not a support item in the price list';
	} else if (mode === 'create') {
		fields.ndisItemCodeId = 'is required: the support item delivered';
	}
	if (mode === 'create' && values.addNote === 'on') {
		input.progressNote = {
			notes: values.noteText ?? '',
			outcomes: (values.noteOutcomes ?? '')
				.split('\n')
				.map((line) => line.trim())
				.filter(Boolean)
		};
	}
	return { values, input, fields };
}

/** Nested schema paths (progressNote.notes) named after the form's own fields. */
export function formFields(fields: Record<string, string>): Record<string, string> {
	const named: Record<string, string> = {};
	for (const [key, message] of Object.entries(fields)) {
		const name =
			key === 'progressNote.notes'
				? 'noteText'
				: key.startsWith('progressNote.outcomes')
					? 'noteOutcomes'
					: key;
		named[name] ??= message;
	}
	return named;
}

export function serviceFailure(err: unknown, values: SessionFormValues) {
	if (err instanceof SessionRuleError) {
		return fail(err.status, { message: err.message, fields: formFields(err.fields ?? {}), values });
	}
	const failure = describeDbError(err);
	if (!failure) throw err;
	return fail(failure.status, { message: failure.message, fields: failure.fields ?? {}, values });
}

/** The active support items for the form's suggestions, code first. */
export async function itemSuggestions() {
	const items = await tx(() =>
		NdisItemCode.findAll({
			where: { status: 'active' },
			attributes: ['code', 'description'],
			order: [['code', 'ASC']]
		})
	);
	return items.map((i) => `${i.code} ${i.description}`);
}

export const SERVICE_TYPES = [
	'Personal care',
	'Community access',
	'Domestic assistance',
	'Transport',
	'Sleepover support',
	'Overnight active support',
	'Capacity building',
	'Therapy',
	'Support coordination',
	'Respite'
];
