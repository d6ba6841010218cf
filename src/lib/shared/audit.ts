/** What an audit entry changed, as rows a person can read: field, value before, value after. */
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

export type FieldChange = { field: string; before: string; after: string };

function show(value: unknown): string {
	if (value === undefined) return '—';
	if (value === null) return 'empty';
	return typeof value === 'string' ? value : JSON.stringify(value);
}

// The touch trigger moves updated_at on every change; listing it adds noise, not information.
const NOISE = new Set(['updated_at']);

export function fieldChanges(
	entry: Pick<AuditEntryView, 'oldValues' | 'newValues'>
): FieldChange[] {
	const before = entry.oldValues ?? {};
	const after = entry.newValues ?? {};
	const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
	return fields
		.filter((field) => !NOISE.has(field))
		.map((field) => ({ field, before: show(before[field]), after: show(after[field]) }));
}
