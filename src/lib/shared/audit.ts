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
