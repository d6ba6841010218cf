/**
 * Input refused before any route sees it, the same way everywhere:
 * - SvelteKit's reserved action name (`POST /participants?/default`) throws inside the framework
 *   (a 500); no page has an action by that name, so it is a 404 like any other unknown action.
 * - A NUL character (U+0000) in the address or in a form field: PostgreSQL cannot store it, so
 *   it would fail deep inside a query. It is refused with 400 naming the field (JSON bodies are
 *   checked by readJson in http/body.ts, and the shared text fields refuse it too).
 */
import { error, json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { hasNul, NUL_MESSAGE } from '../validation/fields';
import { jsonError } from './errors';

const isApi = (event: RequestEvent) => event.url.pathname.startsWith('/api/');

/** The action a page POST names: the first query key starting with '/'. */
function actionName(url: URL): string | null {
	for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
	return null;
}

export const refuseReservedAction: Handle = ({ event, resolve }) => {
	if (event.request.method === 'POST' && !isApi(event) && actionName(event.url) === 'default') {
		error(404, "No action with name 'default' found");
	}
	return resolve(event);
};

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

async function nulFieldsOf(event: RequestEvent): Promise<Record<string, string>> {
	const fields: Record<string, string> = {};
	if (event.url.pathname.includes('%00')) fields.path = NUL_MESSAGE;
	for (const [key, value] of event.url.searchParams) {
		if (hasNul(key) || hasNul(value)) fields[hasNul(key) ? 'query' : key] = NUL_MESSAGE;
	}
	const { method, headers } = event.request;
	if (
		method === 'GET' ||
		method === 'HEAD' ||
		!FORM_TYPES.test(headers.get('content-type') ?? '')
	) {
		return fields;
	}
	let form: FormData;
	try {
		form = await event.request.clone().formData();
	} catch {
		return fields; // malformed: the route answers for it as it would anyway
	}
	for (const [key, value] of form) {
		if (typeof value === 'string' && (hasNul(key) || hasNul(value))) {
			fields[hasNul(key) ? 'body' : key] ??= NUL_MESSAGE;
		}
	}
	return fields;
}

/**
 * A form action's failure as SvelteKit's enhance reads it: devalue's flat form, by hand, for an
 * object of strings. The page's `form` becomes `{action, message, fields}`, the shape this app's
 * forms fail with, so the form's error summary shows the field.
 */
function actionFailure(
	status: number,
	action: string,
	message: string,
	fields: Record<string, string>
) {
	const values: unknown[] = [{ action: 1, message: 2, fields: 3 }, action, message, {}];
	for (const [name, text] of Object.entries(fields)) {
		(values[3] as Record<string, number>)[name] = values.push(text) - 1;
	}
	return json({ type: 'failure', status, data: JSON.stringify(values) }, { status });
}

export const refuseNul: Handle = async ({ event, resolve }) => {
	const fields = await nulFieldsOf(event);
	if (Object.keys(fields).length === 0) return resolve(event);
	const message = 'Some fields need attention';
	if (isApi(event)) return jsonError(400, 'validation', message, fields);
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return actionFailure(400, actionName(event.url) ?? 'default', message, fields);
	}
	const names = Object.keys(fields).join(', ');
	error(400, `A field contains a NUL character, which cannot be stored (${names}).`);
};
