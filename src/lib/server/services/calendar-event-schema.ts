/**
 * What a roster entry may contain, checked the same way for the board and the API: one schema per
 * input, with a message per field. Instants are ISO 8601 with an offset ("…Z" or "…+10:00"); a
 * time without one is refused, because it would mean a different moment to each reader.
 */
import { z } from 'zod';
import { EVENT_STATUSES, EVENT_TYPES, type EventStatus, type EventType } from '../../shared/enums';
import { isRealDate, isRealInstant, optionalText } from '../validation/fields';

/** Longest single roster entry: a sleepover or a long shift, not a typo in the end date. */
export const MAX_EVENT_HOURS = 24;
/** Widest range one list request may ask for with `from` and `to` (a month view and its edges). */
export const MAX_RANGE_DAYS = 42;
/** Most events one ranged request answers (a busy week of 200 staff is about 2,000). */
export const MAX_RANGE_EVENTS = 5000;
export const MAX_REPEAT_WEEKS = 52;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i;

const instant = z
	.string({ error: 'must be a date and time with an offset (ISO 8601)' })
	.trim()
	.regex(ISO_INSTANT, 'must be a date and time with an offset, e.g. 2026-08-04T09:00:00+10:00')
	.refine(isRealInstant, 'is not a real date and time')
	.transform((v) => new Date(v));

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A list bound: an instant, or a plain date (the caller turns it into local midnight). */
const bound = z
	.string({ error: 'must be a date (YYYY-MM-DD) or a date and time with an offset' })
	.trim()
	.refine(
		(v) => (DATE.test(v) ? isRealDate(v) : ISO_INSTANT.test(v) && isRealInstant(v)),
		'must be a date (YYYY-MM-DD) or a date and time with an offset'
	);

const fields = {
	title: z
		.string({ error: 'is required' })
		.trim()
		.min(1, 'is required')
		.max(255, 'must be at most 255 characters'),
	description: optionalText(10_000),
	participantId: z.uuid({ error: 'Choose a participant' }).nullable().optional(),
	staffId: z.uuid({ error: 'Choose a staff member' }).nullable().optional(),
	eventType: z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` }),
	startDatetime: instant,
	endDatetime: instant,
	location: optionalText(255),
	status: z.enum(EVENT_STATUSES, { error: `must be one of ${EVENT_STATUSES.join(', ')}` })
};

const unknownFields = (issue: { code: string; keys?: string[] }) =>
	issue.code === 'unrecognized_keys'
		? `${issue.keys?.join(', ')}: not a field of a calendar event`
		: undefined;

type Times = { startDatetime?: Date; endDatetime?: Date };

/** End after start, and not absurdly long; both checked where both are known. */
function checkTimes(value: Times, ctx: z.RefinementCtx) {
	const { startDatetime: start, endDatetime: end } = value;
	// zod runs this even when a time itself was malformed; that one has its own message.
	if (!(start instanceof Date) || !(end instanceof Date)) return;
	if (end.getTime() <= start.getTime()) {
		ctx.addIssue({ code: 'custom', path: ['endDatetime'], message: 'must be after the start' });
	} else if (end.getTime() - start.getTime() > MAX_EVENT_HOURS * 3600_000) {
		ctx.addIssue({
			code: 'custom',
			path: ['endDatetime'],
			message: `makes the event longer than ${MAX_EVENT_HOURS} hours`
		});
	}
}

const newEventShape = {
	...fields,
	eventType: fields.eventType.default('session'),
	status: fields.status.default('scheduled')
};

export const newEventSchema = z
	.strictObject(newEventShape, { error: unknownFields })
	.superRefine(checkTimes);
export type NewEvent = z.infer<typeof newEventSchema>;

/** The first occurrence, repeated on the same weekday and wall-clock times for `weeks` weeks. */
export const recurringEventSchema = z
	.strictObject(
		{
			...newEventShape,
			weeks: z.coerce
				.number({ error: 'must be a number of weeks' })
				.int('must be a whole number of weeks')
				.min(2, 'must be at least 2 weeks (one week is a single event)')
				.max(MAX_REPEAT_WEEKS, `must be at most ${MAX_REPEAT_WEEKS} weeks`)
		},
		{ error: unknownFields }
	)
	.superRefine(checkTimes);
export type RecurringEvent = z.infer<typeof recurringEventSchema>;

export const eventPatchSchema = z
	.strictObject(
		{
			title: fields.title.optional(),
			description: fields.description,
			participantId: fields.participantId,
			staffId: fields.staffId,
			eventType: fields.eventType.optional(),
			startDatetime: instant.optional(),
			endDatetime: instant.optional(),
			location: fields.location,
			status: fields.status.optional(),
			version: z
				.number({ error: 'is required: send the version you read' })
				.int('must be a whole number')
				.min(1, 'must be at least 1')
		},
		{ error: unknownFields }
	)
	.superRefine((patch, ctx) => {
		if (Object.keys(patch).filter((k) => k !== 'version').length === 0) {
			ctx.addIssue({ code: 'custom', path: ['body'], message: 'send at least one field' });
		}
		checkTimes(patch, ctx);
	});
export type EventPatch = z.infer<typeof eventPatchSchema>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "a,b,c" → ["a","b","c"], each one checked, at most 200. */
const list = <T extends string>(accepts: (value: string) => boolean, message: string) =>
	z.string().transform((raw, ctx) => {
		const values = raw
			.split(',')
			.map((v) => v.trim())
			.filter(Boolean);
		if (values.length > 200 || !values.every(accepts)) {
			ctx.addIssue({ code: 'custom', message });
			return z.NEVER;
		}
		return values as T[];
	});

const oneOf =
	(allowed: readonly string[]) =>
	(value: string): boolean =>
		allowed.includes(value);

const SORTS = ['start', '-start', 'createdAt', '-createdAt'] as const;

export const eventFilters = z
	.object({
		from: bound.optional(),
		to: bound.optional(),
		staffId: list((v) => UUID.test(v), 'must be user ids, comma-separated').optional(),
		participantId: list((v) => UUID.test(v), 'must be participant ids, comma-separated').optional(),
		eventType: list<EventType>(
			oneOf(EVENT_TYPES),
			`must be among ${EVENT_TYPES.join(', ')}, comma-separated`
		).optional(),
		status: list<EventStatus>(
			oneOf(EVENT_STATUSES),
			`must be among ${EVENT_STATUSES.join(', ')}, comma-separated`
		).optional(),
		q: z.string().trim().max(100, 'must be at most 100 characters').optional(),
		page: z.coerce.number({ error: 'must be a number' }).int().min(1).default(1),
		limit: z.coerce
			.number({ error: 'must be a number' })
			.int()
			.min(1)
			.max(MAX_RANGE_EVENTS, `must be at most ${MAX_RANGE_EVENTS}`)
			.optional(),
		sort: z.enum(SORTS, { error: `must be one of ${SORTS.join(', ')}` }).default('start')
	})
	.superRefine((f, ctx) => {
		const ranged = f.from !== undefined && f.to !== undefined;
		if ((f.from === undefined) !== (f.to === undefined)) {
			ctx.addIssue({
				code: 'custom',
				path: [f.from === undefined ? 'from' : 'to'],
				message: 'is required with the other end of the range'
			});
		}
		if (ranged && Date.parse(f.to!) - Date.parse(f.from!) > MAX_RANGE_DAYS * 86_400_000) {
			ctx.addIssue({
				code: 'custom',
				path: ['to'],
				message: `must be at most ${MAX_RANGE_DAYS} days after from`
			});
		}
		if (ranged && Date.parse(f.to!) <= Date.parse(f.from!)) {
			ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
		}
		if (!ranged && f.limit !== undefined && f.limit > 100) {
			ctx.addIssue({
				code: 'custom',
				path: ['limit'],
				message: 'must be at most 100 (or ask for a range with from and to)'
			});
		}
	});
export type EventFilters = z.infer<typeof eventFilters>;

const wholeVersion = 'must be a whole number of at least 1';

/** DELETE ?version=N: delete only while the event is still at version N (else 409). */
export const eventDeleteQuery = z.object({
	version: z.coerce
		.number({ error: wholeVersion })
		.int(wholeVersion)
		.min(1, wholeVersion)
		.optional()
		.describe('The version you read; without it the event is deleted whatever its version')
});

export const isPlainDate = (v: string) => DATE.test(v);
