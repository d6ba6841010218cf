/**
 * What an error nobody caught looks like to the client. SvelteKit answers a +server route's throw
 * with handleError's `{message, errorId}`; API clients are promised `{error: {code, message}}`
 * everywhere, so handleError marks the request here and `apiErrorShape` rewrites the answer: the
 * contract's shape with the error id on /api, the page's own error page elsewhere. A write that
 * lost a race inside PostgreSQL (serialization failure, deadlock, a row moved to another
 * partition by a concurrent update) is not a fault either: it answers 409, reload and try again.
 * (A handle cannot catch the error itself: SvelteKit has already made a 500 of it by then.)
 */
import { isHttpError, isRedirect, json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { logger } from '../logger';
import { isRedisOutage } from '../redis';

export const CONFLICT_MESSAGE =
	'This record was changed by someone else at the same moment; reload it and try again.';

type Mark = { kind: 'internal'; errorId: string } | { kind: 'conflict' };
// Keyed by the request, not the event: SvelteKit hands handleError a copy of the event (tracing),
// but every copy shares the one Request.
const marked = new WeakMap<Request, Mark>();

/** PostgreSQL's "try again" errors: serialization_failure (40001) and deadlock_detected (40P01). */
export function isConcurrentWriteError(err: unknown): boolean {
	const code =
		(err as { parent?: { code?: unknown } } | null)?.parent?.code ??
		(err as { code?: unknown } | null)?.code;
	return code === '40001' || code === '40P01';
}

/** For handleError: remembers how the request failed, so the answer can be given its shape. */
export function markUnexpected(event: RequestEvent, mark: Mark): void {
	marked.set(event.request, mark);
}

function apiAnswer(mark: Mark, status = 500): Response {
	return mark.kind === 'conflict'
		? json({ error: { code: 'conflict', message: CONFLICT_MESSAGE } }, { status: 409 })
		: json(
				{ error: { code: 'internal', message: 'Internal error', errorId: mark.errorId } },
				{ status: status >= 500 ? status : 500 }
			);
}

export const apiErrorShape: Handle = async ({ event, resolve }) => {
	const api = event.url.pathname.startsWith('/api/');
	let response: Response;
	try {
		response = await resolve(event);
	} catch (err) {
		// Thrown by a later hook (the session check with the database gone, say): SvelteKit would
		// answer it past every handle, in its own shape. Redirects, HTTP errors and Redis outages
		// (http/unavailable.ts) keep their own answers.
		if (!api || isHttpError(err) || isRedirect(err) || isRedisOutage(err)) throw err;
		if (isConcurrentWriteError(err)) return apiAnswer({ kind: 'conflict' });
		const errorId = crypto.randomUUID();
		logger.error(
			{ err, errorId, method: event.request.method, path: event.url.pathname },
			'unhandled error'
		);
		return apiAnswer({ kind: 'internal', errorId });
	}
	const mark = marked.get(event.request);
	if (!mark) return response;
	if (api) return apiAnswer(mark, response.status);
	if (mark.kind === 'conflict') {
		return new Response(response.body, { status: 409, headers: response.headers });
	}
	return response;
};
