/**
 * What an audit entry changed, as rows a person can read: the field's label ("Plan end date", not
 * plan_end_date), and values in words: dates and times in the person's style, money in dollars,
 * yes/no, people and participants by name (from the page's `names`), never a bare id.
 */
import { formatDate, formatInstant, formatTime, type DateTimeStyle } from './format';

export type AuditEntryView = {
	id: string;
	createdAt: string;
	userName: string | null;
	action: string;
	tableName: string | null;
	recordId: string | null;
	oldValues: Record<string, unknown> | null;
	newValues: Record<string, unknown> | null;
};

export type FieldChange = { field: string; label: string; before: string; after: string };

export type ChangeWords = {
	/** Names for the ids the entries mention (audit.namesFor on the server). */
	names?: Record<string, string>;
	style?: DateTimeStyle;
};

// The touch trigger moves updated_at on every change, and an insert's own id and creation time
// are the entry's own: listing them adds noise, not information.
const NOISE = new Set(['id', 'created_at', 'updated_at']);

// Where the words are not simply the column's own.
const LABELS: Record<string, string> = {
	ndis_number: 'NDIS number',
	staff_id: 'Worker',
	user_id: 'Person',
	participant_id: 'Participant',
	item_code: 'Support item',
	is_active: 'Active',
	is_read: 'Read',
	is_editable: 'Editable',
	setting_key: 'Setting',
	setting_value: 'Value',
	travel_kilometers: 'Travel (km)',
	duration_hours: 'Hours',
	abn: 'ABN',
	url: 'Link'
};

const TABLES: Record<string, string> = {
	session_logs: 'Session',
	participant_staff: 'Staff assignment',
	ndis_item_codes: 'Support item',
	ndis_item_code_prices: 'Support item price',
	system_settings: 'System setting',
	user_settings: 'Preference',
	staff_members: 'Staff profile',
	participant_goals: 'Goal'
};

// One record of each audited table, as the action's object: "Created a participant".
const RECORDS: Record<string, string> = {
	users: 'an account',
	participants: 'a participant',
	staff_members: 'a staff profile',
	participant_staff: 'a staff assignment',
	ndis_item_codes: 'a support item',
	ndis_item_code_prices: 'a support item price',
	session_logs: 'a session log',
	invoices: 'an invoice',
	invoice_items: 'an invoice line',
	documents: 'a document',
	participant_goals: 'a goal',
	progress_notes: 'a progress note',
	calendar_events: 'a roster event',
	calendar_feed_tokens: 'a calendar feed link',
	system_settings: 'a system setting',
	user_settings: 'a preference',
	notifications: 'a notification',
	display_tokens: 'a wall display link',
	access_reviews: 'an access review'
};

// The row trigger records insert/update/delete; the app records the rest by name.
const ROW_VERBS: Record<string, string> = {
	insert: 'Created',
	update: 'Changed',
	delete: 'Deleted'
};

/** Every action the app records, in words. The raw name stays the filter's value. */
export const ACTION_LABELS: Record<string, string> = {
	insert: 'Created a record',
	update: 'Changed a record',
	delete: 'Deleted a record',
	'auth.login': 'Signed in',
	'auth.login_failed': 'Failed sign-in',
	'auth.logout': 'Signed out',
	'auth.lockout': 'Account locked after failed sign-ins',
	'auth.unlock': 'Unlocked an account',
	'auth.password_reset_requested': 'Asked for a password reset',
	'auth.password_reset': 'Reset a password',
	'auth.password_changed': 'Changed their password',
	'participant.export': 'Exported all records',
	'participant.status_changed': "Changed a participant's status",
	'document.download': 'Downloaded a document',
	'access_review.download': 'Downloaded an access review',
	'item_codes.import': 'Imported the NDIS price list',
	'keys.rotate': 'Rotated the encryption keys',
	'job.run': 'Ran a job',
	'job.retry': 'Retried a job',
	'job.remove': 'Removed a job',
	'display_token.created': 'Created a wall display link',
	'display_token.revoked': 'Revoked a wall display link'
};

/**
 * An audit entry's action as people say it: "Signed in", "Downloaded a document", and a row
 * change with its table, "Created a participant", "Changed a session log". An action nobody named
 * ("test.old") reads as its words ("Test old") rather than not at all.
 */
export function actionLabel(action: string, tableName: string | null = null): string {
	const own = (map: Record<string, string>, key: string) =>
		Object.hasOwn(map, key) ? map[key] : undefined;
	const verb = own(ROW_VERBS, action);
	if (verb && tableName) {
		return `${verb} ${own(RECORDS, tableName) ?? `a ${tableLabel(tableName).toLowerCase()} record`}`;
	}
	return own(ACTION_LABELS, action) ?? sentence(action.replace(/\./g, ' '));
}

const MONEY = /(budget|amount|price|rate|cost|total|subtotal|gst)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?$/;
const CODE = /^[a-z]+(_[a-z]+)*$/;
const AUD = new Intl.NumberFormat('en-AU', { style: 'currency', currency: 'AUD' });

function sentence(words: string): string {
	const text = words.replace(/_/g, ' ').trim();
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "plan_end_date" → "Plan end date"; "approved_by" → "Approved by"; "staff_id" → "Worker". */
export function fieldLabel(field: string): string {
	return LABELS[field] ?? sentence(field.replace(/_id$/, ''));
}

/** "session_logs" → "Session"; "participants" → "Participants". */
export function tableLabel(table: string | null): string {
	if (!table) return '—';
	return TABLES[table] ?? sentence(table);
}

/** An id as a name where one is known, otherwise words rather than the id itself. */
export function nameOf(id: string | null, names: Record<string, string> = {}): string {
	if (!id) return '—';
	return names[id] ?? 'another record';
}

function valueWords(field: string, value: unknown, words: ChangeWords): string {
	if (value === undefined) return '—';
	if (value === null || value === '') return 'empty';
	if (typeof value === 'boolean') return value ? 'Yes' : 'No';
	if (typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))) {
		return MONEY.test(field) ? AUD.format(Number(value)) : String(value);
	}
	if (typeof value !== 'string') return JSON.stringify(value);
	if (UUID.test(value)) return nameOf(value, words.names);
	if (DATE.test(value)) return formatDate(value);
	const style = words.style ?? { timeZone: 'Australia/Sydney', timeFormat: '24h' };
	if (INSTANT.test(value))
		return formatInstant(value.replace(' ', 'T'), style.timeZone, style.timeFormat);
	if (TIME.test(value)) return formatTime(value, style.timeFormat);
	// Statuses, roles and types are stored as codes: "self_managed" reads "Self managed".
	if (
		CODE.test(value) &&
		(field === 'status' || field === 'role' || /_(type|status)$|^plan_manager$/.test(field))
	) {
		return sentence(value);
	}
	return value;
}

export function fieldChanges(
	entry: Pick<AuditEntryView, 'oldValues' | 'newValues'>,
	words: ChangeWords = {}
): FieldChange[] {
	const before = entry.oldValues ?? {};
	const after = entry.newValues ?? {};
	const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
	return fields
		.filter((field) => !NOISE.has(field))
		.map((field) => ({
			field,
			label: fieldLabel(field),
			before: valueWords(field, before[field], words),
			after: valueWords(field, after[field], words)
		}));
}
