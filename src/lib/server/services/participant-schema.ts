/**
 * What a participant record may hold, for the participants API, pages and service alike. Rules
 * that compare two fields (plan dates, used vs total budget) live in `crossFieldErrors`, because a
 * partial change has to be checked against the record it lands on, not on its own.
 */
import { z } from 'zod';
import { isRealDate, isoDate as date, optionalText } from '../validation/fields';
import { PARTICIPANT_STATUSES, PLAN_MANAGERS } from '../../shared/enums';

export const PARTICIPANT_SORTS = [
	'name',
	'-name',
	'ndisNumber',
	'-ndisNumber',
	'planEndDate',
	'-planEndDate',
	'status',
	'-status'
] as const;

export const participantFilters = z.object({
	q: z.string().trim().max(100).optional(),
	status: z
		.enum(PARTICIPANT_STATUSES, { error: `must be one of ${PARTICIPANT_STATUSES.join(', ')}` })
		.optional(),
	planManager: z
		.enum(PLAN_MANAGERS, { error: `must be one of ${PLAN_MANAGERS.join(', ')}` })
		.optional(),
	planEndingWithinDays: z.coerce
		.number({ error: 'must be a number of days' })
		.int('must be a whole number of days')
		.min(0, 'cannot be negative')
		.max(3650, 'must be at most 3650')
		.optional(),
	page: z.coerce.number({ error: 'must be a number' }).int().min(1).default(1),
	limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(25),
	sort: z
		.enum(PARTICIPANT_SORTS, { error: `must be one of ${PARTICIPANT_SORTS.join(', ')}` })
		.default('name')
});
export type ParticipantFilters = z.infer<typeof participantFilters>;

/** An empty form field means "none": null, checked by nothing else. */
function emptyAsNull<S extends z.ZodType>(schema: S) {
	return z.preprocess((v) => (v === '' ? null : v), schema.nullable().optional());
}

const optionalDate = emptyAsNull(date);

// Landlines and mobiles (0X XXXX XXXX or +61 X XXXX XXXX) and 13/1300/1800 numbers.
const AU_PHONE = /^(?:(?:\+?61|0)[2-478]\d{8}|1[38]00\d{6}|13\d{4})$/;
const phone = z
	.string({ error: 'must be text' })
	.trim()
	.refine(
		(v) => v === '' || AU_PHONE.test(v.replace(/[\s()-]/g, '')),
		'must be an Australian phone number, like 0412 345 678 or 02 9876 5432'
	)
	.transform((v) => (v === '' ? null : v))
	.nullable()
	.optional();

// DECIMAL(10,2): at most 8 digits before the point.
const MONEY = /^\d{1,8}(?:\.\d{1,2})?$/;
const money = z
	.string({ error: 'must be an amount as text, like "1234.50"' })
	.trim()
	.refine(
		(v) => MONEY.test(v),
		'must be an amount of zero or more with at most 2 decimal places, like 1234.50'
	)
	.transform((v) => Number(v).toFixed(2));
const optionalMoney = emptyAsNull(money);

export const ndisNumber = z
	.string({ error: 'is required' })
	.trim()
	.transform((v) => v.replace(/\s/g, ''))
	.pipe(z.string().regex(/^43\d{7}$/, 'must be exactly 9 digits starting with 43'));

export const status = z.enum(PARTICIPANT_STATUSES, {
	error: `must be one of ${PARTICIPANT_STATUSES.join(', ')}`
});

const fields = {
	ndisNumber,
	name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(255, 'is too long'),
	email: z
		.string({ error: 'must be text' })
		.trim()
		.toLowerCase()
		.refine((v) => v === '' || z.email().safeParse(v).success, 'is not a valid email address')
		.transform((v) => (v === '' ? null : v))
		.nullable()
		.optional(),
	phone,
	address: optionalText(1000),
	dateOfBirth: optionalDate,
	emergencyContactName: optionalText(255),
	emergencyContactPhone: phone,
	primaryDisability: optionalText(255),
	planStartDate: optionalDate,
	planEndDate: optionalDate,
	planManager: emptyAsNull(
		z.enum(PLAN_MANAGERS, { error: `must be one of ${PLAN_MANAGERS.join(', ')}` })
	),
	totalBudget: optionalMoney,
	usedBudget: money.optional(),
	supportNeeds: optionalText(10_000),
	goals: optionalText(10_000),
	medicalInfo: optionalText(10_000),
	notes: optionalText(10_000),
	status: status.optional(),
	/** Lets a coordinator record spending beyond the plan, on purpose. Not stored. */
	allowOverspend: z.boolean({ error: 'must be true or false' }).optional()
};

/** The fields that take part in cross-field rules, as the record will hold them. */
export type CrossFieldValues = {
	planStartDate?: string | null;
	planEndDate?: string | null;
	totalBudget?: string | null;
	usedBudget?: string | null;
};

const cents = (amount: string) => Math.round(Number(amount) * 100);

export function crossFieldErrors(
	values: CrossFieldValues,
	allowOverspend = false
): Record<string, string> {
	const errors: Record<string, string> = {};
	const { planStartDate: start, planEndDate: end } = values;
	if (start && end && isRealDate(start) && isRealDate(end) && end <= start) {
		errors.planEndDate = 'must be after the plan start date';
	}
	const used = values.usedBudget ?? '0.00';
	// Malformed amounts already have their own message; comparing them would add a misleading one.
	const comparable = MONEY.test(used) && MONEY.test(values.totalBudget ?? '');
	if (!allowOverspend && comparable && cents(used) > cents(values.totalBudget!)) {
		errors.usedBudget = 'cannot be more than the total budget (unless overspend is allowed)';
	}
	return errors;
}

function addCrossFieldIssues(
	value: CrossFieldValues & { allowOverspend?: boolean },
	ctx: z.RefinementCtx
) {
	for (const [path, message] of Object.entries(crossFieldErrors(value, value.allowOverspend))) {
		ctx.addIssue({ code: 'custom', path: [path], message });
	}
}

// Names the unknown fields, so a typo is easy to spot.
const unknownFields = (issue: { code: string; keys?: string[] }) =>
	issue.code === 'unrecognized_keys'
		? `${issue.keys?.join(', ')}: not a field of a participant`
		: undefined;

export const newParticipantSchema = z
	.strictObject(fields, { error: unknownFields })
	.superRefine(addCrossFieldIssues);
export type NewParticipant = z.infer<typeof newParticipantSchema>;

/**
 * A partial change. A status change must say why (`statusReason`), so the trail records it; the
 * service checks cross-field rules against the stored record.
 */
export const participantPatchSchema = z
	.strictObject(
		{
			...fields,
			ndisNumber: ndisNumber.optional(),
			name: fields.name.optional(),
			statusReason: z.string({ error: 'must be text' }).trim().max(1000, 'is too long').optional()
		},
		{ error: unknownFields }
	)
	.superRefine((patch, ctx) => {
		if (patch.status !== undefined && !patch.statusReason) {
			const message = 'is required to change the status';
			ctx.addIssue({ code: 'custom', path: ['statusReason'], message });
		}
		if (Object.keys(patch).filter((k) => k !== 'allowOverspend').length === 0) {
			ctx.addIssue({ code: 'custom', path: ['body'], message: 'send at least one field' });
		}
	});
export type ParticipantPatch = z.infer<typeof participantPatchSchema>;

export const statusChangeSchema = z.object({
	status,
	reason: z
		.string({ error: 'is required' })
		.trim()
		.min(1, 'is required to change the status')
		.max(1000, 'is too long')
});

export const assignmentSchema = z.object({
	userId: z.uuid({ error: 'Choose a staff member' })
});
