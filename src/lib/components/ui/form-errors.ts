/**
 * How a field's error reads to people. Services give short fragments ("is required", "must be at
 * most 100 characters") that read after the field's label, and whole sentences ("Choose a
 * participant", "Overlaps your 09:00–11:00 session with …") that stand alone; a sentence starts
 * with a capital letter. The summary and the inline message use the same words.
 */
export function fieldMessage(label: string, message: string): string {
	return /^[A-Z0-9“"]/.test(message) ? message : `${label} ${message}`;
}

/** Words for a field the form does not label: "planEndDate" → "Plan end date". */
export function fieldName(name: string): string {
	const words = name
		.replace(/\.\d+/g, '')
		.replace(/Id$/, '')
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/[._]/g, ' ')
		.toLowerCase()
		.trim();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The value for a field's aria-describedby: its hint and its error, when present. */
export function describedBy(
	id: string,
	fields: Record<string, string | undefined> | null | undefined,
	name: string,
	hint = false
): string | undefined {
	const ids = [hint ? `${id}-hint` : '', fields?.[name] ? `${id}-error` : ''].filter(Boolean);
	return ids.length > 0 ? ids.join(' ') : undefined;
}
