import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { authenticate, requireSignIn } from '$lib/server/auth/handle';
import { closeDb, db } from '$lib/server/db';
import { cacheControl } from '$lib/server/http/cache-control';
import { refuseCrossOriginWrites } from '$lib/server/http/cross-origin';
import { jsonError } from '$lib/server/http/errors';
import { refuseNul, refuseReservedAction } from '$lib/server/http/input-guards';
import { securityHeaders } from '$lib/server/http/security-headers';
import {
	apiErrorShape,
	CONFLICT_MESSAGE,
	isConcurrentWriteError,
	markUnexpected
} from '$lib/server/http/unexpected';
import { logger } from '$lib/server/logger';
import {
	markIfUnavailable,
	serviceUnavailable,
	UNAVAILABLE_MESSAGE
} from '$lib/server/http/unavailable';
import { startHttpTimer } from '$lib/server/metrics';
import { startOutboxDrainer, stopOutboxDrainer } from '$lib/server/outbox';
import { closeRedis } from '$lib/server/redis';
import { onShutdown } from '$lib/server/shutdown';

export const init: ServerInit = () => {
	// In production this bundle holds its own database pool and Redis connection; registering them
	// lets realtime/server.ts close them on SIGTERM.
	onShutdown('database', closeDb);
	// Models bind on the first db() call; a request that reads a model directly (the session
	// check of a returning visitor, right after a restart) must not be the first.
	db();
	onShutdown('redis', closeRedis);
	// Events and jobs committed while Redis was away go out when it is back (src/lib/server/outbox.ts).
	startOutboxDrainer();
	onShutdown('outbox', stopOutboxDrainer);
};

const timing: Handle = async ({ event, resolve }) => {
	const done = startHttpTimer(event.request.method, event.route.id ?? 'unmatched');
	const response = await resolve(event);
	done(response.status);
	return response;
};

// SvelteKit would answer an unknown API path with its own shape; API clients get the contract's.
const apiNotFound: Handle = ({ event, resolve }) => {
	if (event.route.id === null && event.url.pathname.startsWith('/api/')) {
		return jsonError(404, 'not_found', 'No such API endpoint');
	}
	return resolve(event);
};

export const handle = sequence(
	securityHeaders,
	serviceUnavailable,
	// Uncaught errors on /api answer the contract's {error} shape (http/unexpected.ts).
	apiErrorShape,
	cacheControl,
	timing,
	// Before the session is read: another site's write never reaches it (http/cross-origin.ts).
	refuseCrossOriginWrites,
	authenticate,
	apiNotFound,
	requireSignIn,
	// The reserved action name and NUL characters: 4xx, never a 500 (http/input-guards.ts).
	refuseReservedAction,
	refuseNul
);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	// Redis away: not a fault of ours to trace, a 503 to try again (http/unavailable.ts).
	if (markIfUnavailable(error, event)) {
		logger.warn({ err: error, path: event.url.pathname }, 'Redis unavailable for a request');
		return { message: UNAVAILABLE_MESSAGE };
	}
	// 404 and 405 are not faults: SvelteKit's own message ("Not Found") is safe and more useful.
	if (status < 500) return { message };
	// A write that lost a race inside PostgreSQL: 409, reload and try again (http/unexpected.ts).
	if (isConcurrentWriteError(error)) {
		markUnexpected(event, { kind: 'conflict' });
		logger.warn({ err: error, path: event.url.pathname }, 'concurrent write refused');
		return { message: CONFLICT_MESSAGE };
	}
	const errorId = crypto.randomUUID();
	markUnexpected(event, { kind: 'internal', errorId });
	logger.error(
		{ err: error, errorId, status, method: event.request.method, path: event.url.pathname },
		'unhandled error'
	);
	return { message: 'Internal error', errorId };
};
