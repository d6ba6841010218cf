/**
 * Deterministic UUIDs (RFC 4122 version 5 layout: SHA-1 of a namespace and a name). The same
 * name always gives the same id, which is what lets the demo seed upsert instead of duplicating.
 */
import { createHash } from 'node:crypto';

// A fixed namespace for this project's seed data, so our ids never coincide with another v5 user.
const NAMESPACE = Buffer.from('5b0d3c7e9a2f4e61b8c4d2f0a6e91c37', 'hex');

export function seedUuid(name: string): string {
	const bytes = createHash('sha1').update(NAMESPACE).update(name).digest().subarray(0, 16);
	bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
	bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
