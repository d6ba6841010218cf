/**
 * Reads a JSON request body against a schema, answering the contract's 400/415 instead of a 500
 * for anything malformed (a NUL character in any string included).
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { nulFields } from '../validation/fields';
import { fieldErrors, jsonError } from './errors';

export async function readJson<S extends z.ZodType>(
	event: RequestEvent,
	schema: S
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: Response }> {
	const type = event.request.headers.get('content-type') ?? '';
	if (!/^application\/(.+\+)?json\b/i.test(type)) {
		const response = jsonError(415, 'unsupported_media_type', 'Send the body as application/json');
		return { ok: false, response };
	}
	let body: unknown;
	try {
		body = await event.request.json();
	} catch {
		return { ok: false, response: jsonError(400, 'validation', 'The body is not valid JSON') };
	}
	// PostgreSQL cannot store U+0000: refused here, for every endpoint, naming the field.
	const nul = nulFields(body);
	if (Object.keys(nul).length > 0) {
		const response = jsonError(400, 'validation', 'Some fields need attention', nul);
		return { ok: false, response };
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		const fields = fieldErrors(parsed.error);
		return {
			ok: false,
			response: jsonError(400, 'validation', 'Some fields need attention', fields)
		};
	}
	return { ok: true, data: parsed.data };
}

/** For `export const fallback`: methods an endpoint does not serve still answer in JSON. */
export function methodNotAllowed(): Response {
	return jsonError(405, 'method_not_allowed', 'This method is not allowed here');
}
