/**
 * The contract's error shape for every JSON answer: `{error: {code, message, fields?}}`.
 * Endpoints return these for expected failures; nothing else should invent its own shape.
 */
import { json } from '@sveltejs/kit';
import type { ZodError } from 'zod';

export type ErrorCode =
	| 'validation'
	| 'unauthorized'
	| 'forbidden'
	| 'not_found'
	| 'method_not_allowed'
	| 'conflict'
	| 'duplicate'
	| 'payload_too_large'
	| 'unsupported_media_type'
	| 'locked'
	| 'rate_limited'
	| 'unavailable';

export type FieldErrors = Record<string, string>;

export function jsonError(
	status: number,
	code: ErrorCode,
	message: string,
	fields?: FieldErrors,
	headers?: HeadersInit
): Response {
	return json(
		{ error: fields ? { code, message, fields } : { code, message } },
		{ status, headers }
	);
}

/** The first message for each field, keyed by field name, for forms and the API alike. */
export function fieldErrors(error: ZodError): FieldErrors {
	const fields: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.length > 0 ? issue.path.join('.') : 'body';
		fields[key] ??= issue.message;
	}
	return fields;
}
