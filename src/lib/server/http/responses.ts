/**
 * What the API answers, as zod schemas: the OpenAPI document's response schemas are generated from
 * these (each named one becomes a component), and the type checks at the end hold them to what the
 * services really return, field for field: a field added to a service's answer and not here, or
 * typed differently, fails `npm run check`. e2e/openapi-responses.spec.ts validates real answers.
 */
import { z } from 'zod';
import { QUEUE_NAMES } from '../../../jobs/registry';
import {
	DOCUMENT_STATUSES,
	DOCUMENT_TYPES,
	EVENT_STATUSES,
	EVENT_TYPES,
	GOAL_STATUSES,
	ITEM_CODE_STATUSES,
	NOTIFICATION_TYPES,
	PARTICIPANT_STATUSES,
	SESSION_STATUSES,
	SETTING_TYPES,
	STAFF_STATUSES,
	USER_ROLES
} from '../../shared/enums';
import { PREFERENCES, PREFERENCE_KEYS } from '../../shared/preferences';
import type { SessionUser } from '../auth/session';
import type * as documents from '../documents/service';
import type * as audit from '../services/audit';
import type * as feeds from '../services/calendar-feed';
import type * as calendar from '../services/calendar-events';
import type * as goals from '../services/goals';
import type * as itemCodes from '../services/item-codes';
import type * as notifications from '../services/notifications';
import type * as participants from '../services/participants';
import type * as notes from '../services/progress-notes';
import type * as queues from '../services/queues';
import type * as sessions from '../services/session-logs';
import type * as settings from '../services/settings';
import type * as staff from '../services/staff';
import type * as users from '../services/users';
import type * as displayTokens from '../wall/tokens';

/** Named schemas: each becomes `#/components/schemas/{id}` in the document. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

function named<S extends z.ZodType>(id: string, schema: S, description?: string): S {
	apiSchemas.add(schema, description ? { id, description } : { id });
	return schema;
}

// The contract's formats: ids are UUIDs, dates YYYY-MM-DD, timestamps ISO 8601 with an offset,
// money a decimal string with two places ("1234.50"), times HH:MM.
const id = z.guid();
const date = z.iso.date();
const timestamp = z.iso.datetime({ offset: true });
const money = z.string().regex(/^-?\d+\.\d{2}$/);
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const count = z.int().min(0);

/** The contract's list answer: one page of `item`, the total that match, the page and its size. */
function page<S extends z.ZodType>(item: S) {
	return z.object({
		data: z.array(item),
		total: count,
		page: z.int().min(1),
		limit: z.int().min(1)
	});
}

export const ErrorBody = named(
	'Error',
	z.object({
		error: z.object({
			code: z.string(),
			message: z.string(),
			fields: z.record(z.string(), z.string()).optional(),
			errorId: z
				.string()
				.optional()
				.describe('On an unexpected error (code internal): its reference in the server log')
		})
	}),
	'Every failure: a code, a message for people, and a message per field when input was invalid'
);

export const SessionUserDto = named(
	'SessionUser',
	z.object({ id, email: z.string(), name: z.string(), role: z.enum(USER_ROLES) })
);
export const SignedIn = z.object({ user: SessionUserDto });

export const UserDto = named(
	'User',
	z.object({
		id,
		email: z.string(),
		name: z.string(),
		role: z.enum(USER_ROLES),
		phone: z.string().nullable(),
		isActive: z.boolean(),
		lastLogin: timestamp.nullable(),
		lockedUntil: timestamp
			.nullable()
			.describe('Locked after failed sign-ins until then; null when not locked'),
		createdAt: timestamp
	})
);
export const NewUserDto = UserDto.extend({
	invited: z.boolean().describe('true when the account was invited by email to choose a password')
});

const participantSummaryShape = {
	id,
	ndisNumber: z.string(),
	name: z.string(),
	email: z.string().nullable(),
	phone: z.string().nullable(),
	address: z.string().nullable(),
	dateOfBirth: date.nullable(),
	emergencyContactName: z.string().nullable(),
	emergencyContactPhone: z.string().nullable(),
	primaryDisability: z.string().nullable(),
	planStartDate: date.nullable(),
	planEndDate: date.nullable(),
	planManager: z.string().nullable(),
	totalBudget: money.nullable(),
	usedBudget: money,
	remainingBudget: money.nullable(),
	planElapsedPercent: z.number().min(0).max(100).nullable(),
	goals: z.string().nullable(),
	status: z.enum(PARTICIPANT_STATUSES),
	createdBy: id.nullable(),
	createdAt: timestamp,
	updatedAt: timestamp
};
export const ParticipantSummaryDto = named(
	'ParticipantSummary',
	z.object(participantSummaryShape),
	'A participant as lists show it: without the health details'
);
export const ParticipantDto = named(
	'Participant',
	z.object({
		...participantSummaryShape,
		supportNeeds: z.string().nullable(),
		medicalInfo: z.string().nullable(),
		notes: z.string().nullable()
	})
);
export const AssignedStaffDto = named(
	'AssignedStaff',
	z.object({
		userId: id,
		name: z.string(),
		email: z.string(),
		role: z.enum(USER_ROLES),
		assignedAt: timestamp
	})
);
export const AssignedStaffList = z.object({ data: z.array(AssignedStaffDto) });

export const GoalDto = named(
	'Goal',
	z.object({
		id,
		participantId: id,
		category: z.string(),
		goal: z.string(),
		description: z.string().nullable(),
		progressPercentage: z.int().min(0).max(100),
		status: z.enum(GOAL_STATUSES),
		dueDate: date.nullable(),
		createdAt: timestamp,
		updatedAt: timestamp
	})
);

export const ProgressNoteDto = named(
	'ProgressNote',
	z.object({
		id,
		participantId: id,
		sessionLogId: id.nullable(),
		sessionLogDate: date.nullable(),
		workerId: id,
		date,
		sessionType: z.string().nullable(),
		duration: z.string().nullable(),
		notes: z.string().nullable(),
		outcomes: z.array(z.string()),
		createdAt: timestamp
	})
);

export const AuditEntryDto = named(
	'AuditEntry',
	z.object({
		id,
		createdAt: timestamp,
		userId: id.nullable(),
		userName: z.string().nullable(),
		action: z.string(),
		tableName: z.string().nullable(),
		recordId: id.nullable(),
		oldValues: z.record(z.string(), z.unknown()).nullable(),
		newValues: z.record(z.string(), z.unknown()).nullable(),
		ipAddress: z.string().nullable(),
		userAgent: z.string().nullable()
	})
);

const staffSummaryShape = {
	id,
	userId: id.nullable(),
	name: z.string().nullable(),
	email: z.string().nullable(),
	role: z.enum(USER_ROLES).nullable(),
	phone: z.string().nullable(),
	specialization: z.string().nullable(),
	// Pay is private: frontline staff do not see a colleague's rate or hours.
	hourlyRate: money.optional().describe('Absent when a frontline viewer looks at a colleague'),
	startDate: date,
	certifications: z.string().nullable(),
	status: z.enum(STAFF_STATUSES),
	assignedParticipantsCount: count,
	totalHours: money.optional().describe('Absent when a frontline viewer looks at a colleague'),
	createdAt: timestamp,
	updatedAt: timestamp
};
export const StaffSummaryDto = named('StaffSummary', z.object(staffSummaryShape));
export const StaffProfileDto = named(
	'StaffProfile',
	z.object({
		...staffSummaryShape,
		assignedParticipants: z
			.array(
				z.object({
					id,
					name: z.string(),
					ndisNumber: z.string(),
					status: z.string().describe(PARTICIPANT_STATUSES.join(', '))
				})
			)
			.nullable()
			.describe('Listed for managers and for the staff member themselves; otherwise null')
	})
);

const itemCodeShape = {
	id,
	code: z.string(),
	description: z.string(),
	category: z.string(),
	unitType: z.string(),
	price: money,
	gstApplicable: z.boolean(),
	effectiveDate: date,
	endDate: date.nullable(),
	status: z.enum(ITEM_CODE_STATUSES),
	supportCategoryNumber: z.int().nullable(),
	supportCategoryName: z.string().nullable(),
	registrationGroupNumber: z.string().nullable(),
	registrationGroupName: z.string().nullable(),
	quoteRequired: z.boolean(),
	remotePrice: money.nullable(),
	veryRemotePrice: money.nullable()
};
export const ItemCodeDto = named('ItemCode', z.object(itemCodeShape));
export const ItemCodePriceDto = named(
	'ItemCodePrice',
	z.object({
		id,
		effectiveDate: date,
		endDate: date.nullable(),
		price: money,
		remotePrice: money.nullable(),
		veryRemotePrice: money.nullable(),
		source: z.string().nullable()
	})
);
export const ItemCodeWithPrices = z.object({
	...itemCodeShape,
	prices: z.array(ItemCodePriceDto).describe('Every price the item has had, newest first')
});

export const SystemSettingDto = named(
	'SystemSetting',
	z.object({
		key: z.string(),
		value: z.string().nullable(),
		type: z.enum(SETTING_TYPES),
		label: z.string().describe('The setting in everyday words'),
		description: z.string().nullable(),
		rule: z
			.string()
			.nullable()
			.describe('The bounds a value must keep, and why (null for settings no longer in use)'),
		isEditable: z.boolean(),
		updatedAt: timestamp
	})
);
export const PreferencesDto = named(
	'Preferences',
	z.object(
		Object.fromEntries(
			PREFERENCE_KEYS.map((key) => {
				const pref = PREFERENCES[key];
				const values = 'options' in pref ? pref.options.map((o) => o.value) : [];
				return [
					key,
					(pref.kind === 'boolean'
						? z.boolean()
						: z.enum(values as [string, ...string[]])
					).describe(pref.label)
				];
			})
		)
	),
	'The signed-in user’s preferences, defaults filled in'
);

export const SessionLogDto = named(
	'SessionLog',
	z.object({
		id,
		participantId: id,
		participantName: z.string().nullable(),
		staffId: id,
		staffName: z.string().nullable(),
		ndisItemCodeId: id.nullable(),
		itemCode: z.string().nullable(),
		itemDescription: z.string().nullable(),
		serviceType: z.string(),
		sessionDate: date,
		startTime: time,
		endTime: time,
		overnight: z.boolean().describe('Ends the next day (end time not after start time)'),
		durationHours: decimal,
		value: money
			.nullable()
			.describe('Hours × the item’s price in force on the day, as the budget counts it'),
		travelKilometers: decimal,
		notes: z.string().nullable(),
		outcomes: z.string().nullable(),
		nextSteps: z.string().nullable(),
		participantMood: z.string().nullable(),
		challenges: z.string().nullable(),
		achievements: z.string().nullable(),
		status: z.enum(SESSION_STATUSES),
		rejectionReason: z.string().nullable(),
		approvedBy: id.nullable(),
		approvedByName: z.string().nullable(),
		approvedAt: timestamp.nullable(),
		createdAt: timestamp,
		updatedAt: timestamp
	})
);
export const ReviewResult = z.object({
	data: z.array(
		z.union([
			z.object({ id: z.string(), ok: z.literal(true), status: z.enum(SESSION_STATUSES) }),
			z.object({ id: z.string(), ok: z.literal(false), error: z.string() })
		])
	),
	reviewed: count
});

export const NotificationDto = named(
	'Notification',
	z.object({
		id,
		type: z.enum(NOTIFICATION_TYPES).nullable(),
		title: z.string(),
		message: z.string().nullable(),
		relatedTable: z.string().nullable(),
		relatedId: id.nullable(),
		createdAt: timestamp,
		isRead: z.boolean(),
		readAt: timestamp.nullable()
	})
);
export const NotificationPage = page(NotificationDto).extend({ unread: count });
export const ReadAllResult = z.object({ marked: count, unread: count });

export const CalendarEventDto = named(
	'CalendarEvent',
	z.object({
		id,
		title: z.string(),
		description: z.string().nullable(),
		participantId: id.nullable(),
		participantName: z.string().nullable(),
		staffId: id.nullable(),
		staffName: z.string().nullable(),
		eventType: z.enum(EVENT_TYPES).nullable(),
		startDatetime: timestamp,
		endDatetime: timestamp,
		location: z.string().nullable(),
		status: z.enum(EVENT_STATUSES),
		version: z.int().min(1).describe('Send it back with a change; a stale one answers 409'),
		createdBy: id,
		createdAt: timestamp,
		updatedAt: timestamp
	})
);
export const CalendarEventList = z.object({ data: z.array(CalendarEventDto) });
export const StaleVersion = named(
	'StaleVersion',
	ErrorBody.extend({
		current: CalendarEventDto.optional().describe('For a stale version: the event as it is now')
	}),
	'A conflict; for a stale version it carries the record as it is now'
);
export const FeedStatusDto = z.object({
	active: z.boolean(),
	createdAt: timestamp.nullable(),
	lastUsedAt: timestamp.nullable()
});
export const NewFeed = z.object({
	url: z.url().describe('The private iCalendar link; shown only this once'),
	createdAt: timestamp
});

export const DocumentDto = named(
	'Document',
	z.object({
		id,
		name: z.string(),
		type: z.enum(DOCUMENT_TYPES),
		participantId: id.nullable(),
		uploadedBy: id,
		fileSize: count,
		mimeType: z.string().nullable(),
		sha256: z
			.string()
			.regex(/^[0-9a-f]{64}$/)
			.nullable(),
		uploadDate: timestamp,
		expiryDate: date.nullable(),
		status: z.enum(DOCUMENT_STATUSES),
		tags: z.array(z.string()),
		createdAt: timestamp,
		updatedAt: timestamp
	})
);

const queueName = z.enum(QUEUE_NAMES as [string, ...string[]]);
export const QueueOverviewDto = named(
	'QueueOverview',
	z.object({
		name: queueName,
		counts: z.object({
			waiting: count,
			active: count,
			delayed: count,
			failed: count,
			completed: count
		}),
		failed: z.array(
			z.object({
				id: z.string(),
				name: z.string(),
				queue: queueName,
				failedReason: z.string(),
				attemptsMade: count,
				failedAt: timestamp.nullable(),
				data: z.string().describe('The payload as JSON, cut at 200 characters')
			})
		),
		schedules: z.array(
			z.object({
				name: z.string(),
				queue: queueName,
				pattern: z.string().nullable(),
				every: z.int().min(1).nullable(),
				timeZone: z.string().nullable(),
				nextRun: timestamp.nullable()
			})
		)
	})
);
export const QueuesAnswer = z.object({
	data: z.array(QueueOverviewDto),
	runnable: z.array(z.object({ name: z.string(), queue: queueName, description: z.string() }))
});
export const JobQueued = z.object({ jobId: z.string() });

export const DisplayTokenDto = named(
	'DisplayToken',
	z.object({
		id,
		name: z.string(),
		createdAt: timestamp,
		createdBy: z.string().nullable().describe('The name of who made it'),
		lastUsedAt: timestamp.nullable(),
		revokedAt: timestamp.nullable(),
		revokedBy: z.string().nullable().describe('The name of who revoked it')
	})
);
export const NewDisplayToken = z.object({
	id,
	name: z.string(),
	token: z.string().describe('The secret for ?token=…; shown only this once'),
	createdAt: timestamp
});

/** The document itself (not described field by field: it is the OpenAPI 3.1 schema's job). */
export const OpenApiDocument = z.object({ openapi: z.string() }).loose();

export const Lists = {
	users: page(UserDto),
	participants: page(ParticipantSummaryDto),
	goals: page(GoalDto),
	notes: page(ProgressNoteDto),
	audit: page(AuditEntryDto),
	staff: page(StaffSummaryDto),
	itemCodes: page(ItemCodeDto),
	settings: page(SystemSettingDto),
	sessions: page(SessionLogDto),
	events: page(CalendarEventDto),
	documents: page(DocumentDto),
	displayTokens: z.object({ data: z.array(DisplayTokenDto) })
};

/** The type of an answer a handler builds itself: `json(x satisfies Answer<typeof Schema>)`. */
export type Answer<S extends z.ZodType> = z.output<S>;

// ---------------------------------------------------------------------------------------------
// Compile-time: each schema describes what the service hands the endpoint, field for field.

/** True when every `Actual` is a valid `Dto` and `Actual` has no field `Dto` leaves out. */
type Describes<Dto extends z.ZodType, Actual> = [Actual] extends [z.output<Dto>]
	? [Exclude<keyof Actual, keyof z.output<Dto>>] extends [never]
		? true
		: false
	: false;
type Holds<T extends true> = T;
type Returned<F extends (...args: never[]) => unknown> = NonNullable<Awaited<ReturnType<F>>>;

export type ResponseSchemasMatchServices = [
	Holds<Describes<typeof SessionUserDto, SessionUser>>,
	Holds<Describes<typeof UserDto, users.UserSummary>>,
	Holds<Describes<typeof NewUserDto, Returned<typeof users.create>>>,
	Holds<Describes<typeof Lists.users, Returned<typeof users.list>>>,
	Holds<Describes<typeof ParticipantDto, participants.ParticipantDto>>,
	Holds<Describes<typeof ParticipantSummaryDto, participants.ParticipantSummary>>,
	Holds<Describes<typeof Lists.participants, Returned<typeof participants.list>>>,
	Holds<Describes<typeof AssignedStaffDto, participants.AssignedStaff>>,
	Holds<Describes<typeof GoalDto, goals.GoalDto>>,
	Holds<Describes<typeof ProgressNoteDto, notes.ProgressNoteDto>>,
	Holds<Describes<typeof Lists.notes, Returned<typeof notes.list>>>,
	Holds<Describes<typeof AuditEntryDto, audit.AuditEntry>>,
	Holds<Describes<typeof Lists.audit, Returned<typeof audit.list>>>,
	Holds<Describes<typeof StaffSummaryDto, staff.StaffSummary>>,
	Holds<Describes<typeof StaffProfileDto, staff.StaffProfile>>,
	Holds<Describes<typeof Lists.staff, Returned<typeof staff.list>>>,
	Holds<Describes<typeof ItemCodeDto, itemCodes.ItemCodeSummary>>,
	Holds<Describes<typeof ItemCodeWithPrices, Returned<typeof itemCodes.get>>>,
	Holds<Describes<typeof Lists.itemCodes, Returned<typeof itemCodes.list>>>,
	Holds<Describes<typeof SystemSettingDto, settings.SystemSettingView>>,
	Holds<Describes<typeof SessionLogDto, sessions.SessionLogDto>>,
	Holds<Describes<typeof Lists.sessions, Returned<typeof sessions.list>>>,
	Holds<Describes<typeof NotificationDto, notifications.NotificationDto>>,
	Holds<Describes<typeof NotificationPage, Returned<typeof notifications.list>>>,
	Holds<Describes<typeof CalendarEventDto, Returned<typeof calendar.get>>>,
	Holds<Describes<typeof Lists.events, Returned<typeof calendar.list>>>,
	Holds<Describes<typeof FeedStatusDto, feeds.FeedStatus>>,
	Holds<Describes<typeof DocumentDto, documents.DocumentDto>>,
	Holds<Describes<typeof Lists.documents, Returned<typeof documents.list>>>,
	Holds<Describes<typeof QueueOverviewDto, queues.QueueOverview>>,
	Holds<Describes<typeof DisplayTokenDto, displayTokens.DisplayTokenView>>,
	Holds<Describes<typeof NewDisplayToken, Returned<typeof displayTokens.create>>>
];
