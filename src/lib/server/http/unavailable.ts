/**
 * While Redis is away, a request that needs it (rate-limited forms, the job queues, run now) is
 * answered at once with 503 "try again in a moment" rather than hanging or a 500: the code throws
 * RedisUnavailableError (src/lib/server/redis.ts withRedis, or ioredis's own retry error),
 * handleError recognises it and marks the request, and this handle turns the answer SvelteKit
 * made into a 503: the API's error shape on /api, the page's own error message elsewhere.
 * (A handle cannot catch the error itself: SvelteKit has already made a 500 of it by then.)
 */
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { isRedisOutage } from '../redis';
import { jsonError } from './errors';

export const UNAVAILABLE_MESSAGE =
	'A service this needs is unavailable right now; please try again in a moment.';
const RETRY_AFTER_SECONDS = '5';

// Keyed by the request, not the event: SvelteKit hands handleError a copy of the event (tracing),
// but every copy shares the one Request (as in http/unexpected.ts).
const marked = new WeakSet<Request>();

/** For handleError: true (and the request marked) when the error is Redis being away. */
export function markIfUnavailable(error: unknown, event: RequestEvent): boolean {
	if (!isRedisOutage(error)) return false;
	marked.add(event.request);
	return true;
}

export const serviceUnavailable: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!marked.has(event.request)) return response;
	if (event.url.pathname.startsWith('/api/')) {
		return jsonError(503, 'unavailable', UNAVAILABLE_MESSAGE, undefined, {
			'retry-after': RETRY_AFTER_SECONDS
		});
	}
	const headers = new Headers(response.headers);
	headers.set('retry-after', RETRY_AFTER_SECONDS);
	return new Response(response.body, { status: 503, headers });
};
