/**
 * What a session log may contain, checked the same way for the form and the API, and the pure
 * rules about its times (duration across midnight), unit-tested without a database.
 */
import { z } from 'zod';
import { PARTICIPANT_MOODS, SESSION_STATUSES } from '../../shared/enums';
import { isoDate as date, optionalText, outcomesList } from '../validation/fields';

// Accepts "HH:MM" (and "HH:MM:SS" as the database returns it), answers "HH:MM".
const time = z
	.string({ error: 'must be a time (HH:MM)' })
	.trim()
	.regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'must be a time (HH:MM, 24-hour)')
	.transform((v) => v.slice(0, 5));

const kilometres = z
	.union([z.number(), z.string().trim()], { error: 'must be a number of kilometres' })
	.transform((v, ctx) => {
		const text = typeof v === 'number' ? String(v) : v === '' ? '0' : v;
		if (!/^\d{1,4}(\.\d{1,2})?$/.test(text)) {
			ctx.addIssue({
				code: 'custom',
				message: 'must be kilometres between 0 and 9999.99, at most 2 decimals'
			});
			return z.NEVER;
		}
		return Number(text).toFixed(2);
	});

/** The optional progress note written in the same step as the session. */
export const attachedNoteSchema = z.strictObject(
	{
		notes: z
			.string({ error: 'must be text' })
			.trim()
			.min(1, 'is required when adding a progress note')
			.max(10_000, 'must be at most 10000 characters'),
		outcomes: outcomesList.optional()
	},
	{ error: 'is not a field of a progress note' }
);

const fields = {
	participantId: z.uuid({ error: 'Choose a participant' }),
	staffId: z.uuid({ error: 'Choose a staff member' }).optional(),
	ndisItemCodeId: z.uuid({ error: 'Choose a support item' }),
	serviceType: z
		.string({ error: 'is required' })
		.trim()
		.min(1, 'is required')
		.max(100, 'must be at most 100 characters'),
	sessionDate: date,
	startTime: time,
	endTime: time,
	travelKilometers: kilometres.optional(),
	notes: optionalText(10_000),
	outcomes: optionalText(10_000),
	nextSteps: optionalText(10_000),
	participantMood: z
		.enum(PARTICIPANT_MOODS, { error: `must be one of ${PARTICIPANT_MOODS.join(', ')}` })
		.nullable()
		.optional(),
	challenges: optionalText(10_000),
	achievements: optionalText(10_000)
};

const unknownFields = (issue: { code: string; keys?: string[] }) =>
	issue.code === 'unrecognized_keys'
		? `${issue.keys?.join(', ')}: not a field of a session log`
		: undefined;

export const newSessionSchema = z.strictObject(
	{
		...fields,
		sessionDate: z.string({ error: 'is required' }).pipe(date),
		startTime: z.string({ error: 'is required' }).pipe(time),
		endTime: z.string({ error: 'is required' }).pipe(time),
		progressNote: attachedNoteSchema.nullable().optional()
	},
	{ error: unknownFields }
);
export type NewSession = z.infer<typeof newSessionSchema>;

export const sessionPatchSchema = z
	.strictObject(
		{
			ndisItemCodeId: fields.ndisItemCodeId.optional(),
			serviceType: fields.serviceType.optional(),
			sessionDate: date.optional(),
			startTime: time.optional(),
			endTime: time.optional(),
			travelKilometers: fields.travelKilometers,
			notes: fields.notes,
			outcomes: fields.outcomes,
			nextSteps: fields.nextSteps,
			participantMood: fields.participantMood,
			challenges: fields.challenges,
			achievements: fields.achievements
		},
		{ error: unknownFields }
	)
	.superRefine((patch, ctx) => {
		if (Object.keys(patch).length === 0) {
			ctx.addIssue({ code: 'custom', path: ['body'], message: 'send at least one field' });
		}
	});
export type SessionPatch = z.infer<typeof sessionPatchSchema>;

export const rejectSchema = z.strictObject(
	{
		reason: z
			.string({ error: 'is required: tell the worker why' })
			.trim()
			.min(3, 'is required: tell the worker why (at least 3 characters)')
			.max(2000, 'must be at most 2000 characters')
	},
	{ error: 'is not a field here: send only reason' }
);

export const bulkReviewSchema = z
	.strictObject(
		{
			ids: z
				.array(z.uuid({ error: 'each id must be a session log id' }), {
					error: 'must be a list of session log ids'
				})
				.min(1, 'choose at least one session')
				.max(200, 'at most 200 sessions at once'),
			action: z.enum(['approve', 'reject'], { error: 'must be approve or reject' }),
			reason: z.string({ error: 'must be text' }).trim().max(2000).optional()
		},
		{ error: 'is not a field here' }
	)
	.superRefine((body, ctx) => {
		if (body.action === 'reject' && (body.reason ?? '').length < 3) {
			ctx.addIssue({
				code: 'custom',
				path: ['reason'],
				message: 'is required to reject: tell the workers why (at least 3 characters)'
			});
		}
	});

export const SESSION_SORTS = [
	'sessionDate',
	'-sessionDate',
	'createdAt',
	'-createdAt',
	'durationHours',
	'-durationHours'
] as const;

export const sessionFilters = z.object({
	status: z
		.enum(SESSION_STATUSES, { error: `must be one of ${SESSION_STATUSES.join(', ')}` })
		.optional(),
	participantId: z.uuid({ error: 'must be a participant id' }).optional(),
	staffId: z.uuid({ error: 'must be a user id' }).optional(),
	from: date.optional(),
	to: date.optional(),
	q: z.string().trim().max(100, 'must be at most 100 characters').optional(),
	page: z.coerce.number({ error: 'must be a number' }).int().min(1).default(1),
	limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(25),
	sort: z
		.enum(SESSION_SORTS, { error: `must be one of ${SESSION_SORTS.join(', ')}` })
		.default('-sessionDate')
});
export type SessionFilters = z.infer<typeof sessionFilters>;

export function minutesOf(time: string): number {
	return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Minutes worked from start to end. An end not after the start means the next day (sleepovers,
 * night shifts); equal times are refused by the caller, so this never answers 0 or 1440.
 */
export function durationMinutes(startTime: string, endTime: string): number {
	const minutes = minutesOf(endTime) - minutesOf(startTime);
	return minutes > 0 ? minutes : minutes + 24 * 60;
}

export function durationHours(startTime: string, endTime: string): string {
	return (durationMinutes(startTime, endTime) / 60).toFixed(2);
}

/** A session's span in minutes from 1970-01-01 local wall time, for overlap checks. */
export function span(sessionDate: string, startTime: string, endTime: string) {
	const day = Date.parse(`${sessionDate}T00:00:00Z`) / 60_000;
	const start = day + minutesOf(startTime);
	return { start, end: start + durationMinutes(startTime, endTime) };
}

export function overlaps(a: { start: number; end: number }, b: { start: number; end: number }) {
	return a.start < b.end && b.start < a.end;
}

/** "9:00–17:30" or "22:00–07:00 (next day)". */
export function formatTimes(startTime: string, endTime: string): string {
	const overnight = minutesOf(endTime.slice(0, 5)) <= minutesOf(startTime.slice(0, 5));
	return `${startTime.slice(0, 5)}–${endTime.slice(0, 5)}${overnight ? ' (next day)' : ''}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A session date as Australians write it: "8 Dec 2026", or "8 Dec" when it is in the same year as
 * `sameYearAs` (the date being logged, so the year is only said when it differs).
 */
export function formatDay(date: string, sameYearAs?: string): string {
	const [year, month, day] = date.split('-');
	const short = `${Number(day)} ${MONTHS[Number(month) - 1]}`;
	return sameYearAs?.slice(0, 4) === year ? short : `${short} ${year}`;
}

/**
 * The clash in the words of the person logging: "Overlaps your 09:00–11:00 session with Kai White
 * on 8 Dec". `whose` is "your", or the worker's name when someone else logs for them.
 */
export function overlapMessage(
	other: {
		sessionDate: string;
		startTime: string;
		endTime: string;
		participantName: string | null;
	},
	whose: string,
	loggedDate: string
): string {
	const times = `${other.startTime.slice(0, 5)}–${other.endTime.slice(0, 5)}`;
	const overnight = minutesOf(other.endTime) <= minutesOf(other.startTime);
	const withWhom = other.participantName ? ` with ${other.participantName}` : '';
	return `Overlaps ${whose} ${times} session${withWhom} on ${formatDay(other.sessionDate, loggedDate)}${overnight ? ' (ending the next day)' : ''}`;
}
