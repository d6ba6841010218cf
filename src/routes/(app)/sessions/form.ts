/**
 * Reads the session form (new and edit pages) into what the schemas expect, and the failures of
 * the service into what the form shows. The item is picked by its NDIS code (or found from words
 * of its name) and turned into its id here; outcomes of the progress note are one per line.
 */
import { fail } from '@sveltejs/kit';
import { Op } from 'sequelize';
import { describeDbError } from '$lib/server/db/errors';
import { tx } from '$lib/server/db';
import { NdisItemCode } from '$lib/server/db/models';
import * as itemCodes from '$lib/server/services/item-codes';
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
	const item = await findItem(values.itemCode ?? '');
	if (item.ok) input.ndisItemCodeId = item.id;
	else if (item.message) fields.ndisItemCodeId = item.message;
	else if (mode === 'create') fields.ndisItemCodeId = 'Choose the support item you delivered';
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

/**
 * The item the field names: "CODE description" as the search list fills it, a bare code, or words
 * from the item's name when they match exactly one current item (typed without JavaScript).
 */
async function findItem(
	text: string
): Promise<{ ok: true; id: string } | { ok: false; message: string | null }> {
	const typed = text.trim();
	if (!typed) return { ok: false, message: null };
	const code = typed.split(/\s+/)[0]!;
	const byCode = await tx(() =>
		NdisItemCode.findOne({ where: { code: { [Op.iLike]: code } }, attributes: ['id'] })
	);
	if (byCode) return { ok: true, id: byCode.id };
	const found = await itemCodes.list(
		itemCodes.itemCodeFilters.parse({ q: typed.slice(0, 100), status: 'active', limit: 2 })
	);
	if (found.total === 1) return { ok: true, id: found.data[0]!.id };
	return {
		ok: false,
		message:
			found.total === 0
				? `No current support item matches “${typed}”: type its number or other words from its name`
				: `${found.total} support items match “${typed}”: choose one from the list`
	};
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
