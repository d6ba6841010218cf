/**
 * Query strings as plain objects for the filter schemas. Empty values are dropped: a GET form
 * sends `role=` for "any role", which means no filter, not an invalid one.
 */
export function queryObject(params: URLSearchParams): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of params) if (value.trim() !== '') out[key] = value;
	return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else cannot name a record, so routes answer 404 rather than ask the DB. */
export function isUuid(value: string): boolean {
	return UUID.test(value);
}
