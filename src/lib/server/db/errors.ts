/**
 * Turns a database refusal into the contract's error shape: which field, why, and the HTTP status.
 * The database is the last line of defence (forms validate first), so these messages are what a
 * user sees when two people race for the same NDIS number or a record vanished mid-edit.
 */
import {
	DatabaseError,
	ForeignKeyConstraintError,
	UniqueConstraintError,
	ValidationError
} from 'sequelize';
import * as enums from '../../shared/enums';

export type FieldErrors = Record<string, string>;
export type DbFailure = {
	status: 400 | 404 | 409;
	code: 'validation' | 'duplicate' | 'conflict' | 'not_found';
	message: string;
	fields?: FieldErrors;
};

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Constraint name → the field it guards and what to tell the user. */
const CONSTRAINTS: Record<string, [field: string, message: string]> = {
	users_email_key: ['email', 'is already used by another account'],
	users_email_lowercase: ['email', 'must be lower case'],
	participants_ndis_number_key: ['ndisNumber', 'is already registered to another participant'],
	participants_plan_dates: ['planEndDate', 'must be after the plan start date'],
	participants_budget_not_negative: ['totalBudget', 'cannot be negative'],
	participants_used_budget_not_negative: ['usedBudget', 'cannot be negative'],
	staff_members_user_id_key: ['userId', 'already has a staff profile'],
	staff_members_hourly_rate_not_negative: ['hourlyRate', 'cannot be negative'],
	participant_staff_pair_key: ['userId', 'is already assigned to this participant'],
	ndis_item_codes_code_key: ['code', 'is already in the price list'],
	ndis_item_codes_price_not_negative: ['price', 'cannot be negative'],
	system_settings_setting_key_key: ['settingKey', 'already exists'],
	user_settings_user_id_setting_key_key: ['settingKey', 'is already set for this user'],
	invoices_invoice_number_key: ['invoiceNumber', 'is already used by another invoice'],
	invoices_due_after_issue: ['dueDate', 'must be on or after the issue date'],
	invoices_amounts_not_negative: ['subtotal', 'cannot be negative'],
	invoices_total_adds_up: ['totalAmount', 'must equal the subtotal plus GST'],
	invoice_items_quantity_positive: ['quantity', 'must be more than zero'],
	invoice_items_rate_not_negative: ['rate', 'cannot be negative'],
	session_logs_duration_range: ['durationHours', 'must be more than 0 and at most 24 hours'],
	session_logs_travel_not_negative: ['travelKilometers', 'cannot be negative'],
	participant_goals_progress_range: ['progressPercentage', 'must be between 0 and 100'],
	calendar_events_end_after_start: ['endDatetime', 'must be after the start'],
	documents_file_size_not_negative: ['fileSize', 'cannot be negative'],
	documents_tags_array: ['tags', 'must be a list of tags'],
	progress_notes_outcomes_array: ['outcomes', 'must be a list of outcomes']
};

type PgError = { code?: string; constraint?: string; column?: string; detail?: string };

function pgError(err: unknown): PgError {
	const parent = (err as { parent?: PgError }).parent;
	return parent ?? (err as PgError);
}

/** The column named in a foreign key violation's detail: `Key (created_by)=(…) is not present…`. */
function keyColumn(detail: string | undefined): string | null {
	const match = /Key \(([a-z_]+)/.exec(detail ?? '');
	return match ? match[1]! : null;
}

export function describeDbError(err: unknown): DbFailure | null {
	if (err instanceof ValidationError && !(err instanceof UniqueConstraintError)) {
		const fields: FieldErrors = {};
		for (const item of err.errors) {
			const path = item.path ?? 'record';
			fields[path] =
				item.validatorKey === 'is_null' ? 'is required' : item.message.replace(/^.*? /, '');
		}
		return { status: 400, code: 'validation', message: 'Some fields need attention', fields };
	}
	const pg = pgError(err);
	const known = pg.constraint ? CONSTRAINTS[pg.constraint] : undefined;
	switch (pg.code) {
		case '23505': {
			const [field, message] = known ?? [camel(keyColumn(pg.detail) ?? 'record'), 'already exists'];
			return {
				status: 409,
				code: 'duplicate',
				message: `${field} ${message}`,
				fields: { [field]: message }
			};
		}
		case '23503': {
			const column = keyColumn(pg.detail);
			if (err instanceof ForeignKeyConstraintError && /still referenced/.test(pg.detail ?? '')) {
				return {
					status: 409,
					code: 'conflict',
					message: 'This record is still used by other records and cannot be deleted'
				};
			}
			const field = camel(column ?? 'record');
			return {
				status: 400,
				code: 'validation',
				message: `${field} refers to a record that does not exist`,
				fields: { [field]: 'refers to a record that does not exist' }
			};
		}
		case '23502': {
			const field = camel(pg.column ?? 'record');
			return {
				status: 400,
				code: 'validation',
				message: `${field} is required`,
				fields: { [field]: 'is required' }
			};
		}
		case '23514': {
			const [field, message] = known ?? ['record', 'is not valid'];
			return {
				status: 400,
				code: 'validation',
				message: `${field} ${message}`,
				fields: { [field]: message }
			};
		}
		case '22P02': {
			const enumFailure = describeEnumError(err);
			if (enumFailure) return enumFailure;
			return { status: 400, code: 'validation', message: cleanValueMessage(err) };
		}
		case '22007':
		case '22008':
		case '22003':
			return { status: 400, code: 'validation', message: cleanValueMessage(err) };
		// Serialization failure (a row moved to another partition by a concurrent update included)
		// and deadlock: the write lost a race; nothing was changed, and trying again will work.
		case '40001':
		case '40P01':
			return {
				status: 409,
				code: 'conflict',
				message:
					'This record was changed by someone else at the same moment; reload it and try again.'
			};
	}
	return null;
}

/** Enum type → the column that uses it, so a bad value is reported against its field. */
const ENUM_FIELDS: Record<string, [field: string, values: readonly string[]]> = {
	user_role: ['role', enums.USER_ROLES],
	participant_status: ['status', enums.PARTICIPANT_STATUSES],
	staff_status: ['status', enums.STAFF_STATUSES],
	item_code_status: ['status', enums.ITEM_CODE_STATUSES],
	participant_mood: ['participantMood', enums.PARTICIPANT_MOODS],
	session_status: ['status', enums.SESSION_STATUSES],
	invoice_status: ['status', enums.INVOICE_STATUSES],
	document_type: ['type', enums.DOCUMENT_TYPES],
	document_status: ['status', enums.DOCUMENT_STATUSES],
	goal_status: ['status', enums.GOAL_STATUSES],
	event_type: ['eventType', enums.EVENT_TYPES],
	event_status: ['status', enums.EVENT_STATUSES],
	setting_type: ['settingType', enums.SETTING_TYPES],
	notification_type: ['type', enums.NOTIFICATION_TYPES]
};

function describeEnumError(err: unknown): DbFailure | null {
	const match = /invalid input value for enum (\w+): "(.*)"/.exec((err as Error).message ?? '');
	const known = match ? ENUM_FIELDS[match[1]!] : undefined;
	if (!match || !known) return null;
	const [field, values] = known;
	const message = `"${match[2]}" is not one of ${values.join(', ')}`;
	return {
		status: 400,
		code: 'validation',
		message: `${field}: ${message}`,
		fields: { [field]: message }
	};
}

/** PostgreSQL's own words for a malformed value are clear enough, minus its internal quoting. */
function cleanValueMessage(err: unknown): string {
	const message = err instanceof DatabaseError ? err.message : String((err as Error).message);
	return message.replace(/^invalid input value for enum (\w+)/, 'not an allowed value for $1');
}
