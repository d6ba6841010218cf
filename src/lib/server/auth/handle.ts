/**
 * The auth step of the hooks: reads the session cookie, puts the user on `event.locals`, and runs
 * the rest of the request as that actor, so row-level security and the audit trail know who acts.
 */
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { runAs, type Actor } from '../db/context';
import { deleteSessionTokenCookie, SESSION_COOKIE, validateSessionToken } from './session';
import type { Client } from './session';
import { jsonError } from '../http/errors';

export function clientOf(event: RequestEvent): Client {
	let ip: string | null = null;
	try {
		ip = event.getClientAddress();
	} catch {
		// Some adapters cannot tell (prerendering); the request is still served, just unattributed.
	}
	return { ip, userAgent: event.request.headers.get('user-agent') };
}

export const authenticate: Handle = async ({ event, resolve }) => {
	const client = clientOf(event);
	const token = event.cookies.get(SESSION_COOKIE);
	const result = token ? await validateSessionToken(token) : null;
	if (token && !result) deleteSessionTokenCookie(event);
	event.locals.user = result?.user ?? null;
	event.locals.session = result?.session ?? null;
	const actor: Actor = result
		? { userId: result.user.id, role: result.user.role, ...client }
		: { userId: null, role: null, ...client };
	return runAs(actor, () => resolve(event));
};

/** What anyone may reach without signing in. Everything else needs a session. */
const PUBLIC_ROUTES = new Set([
	'/(auth)/login',
	'/(auth)/forgot-password',
	'/(auth)/reset-password/[token]',
	'/healthz',
	'/readyz',
	'/metrics',
	'/api/v1/auth/login',
	'/api/v1/auth/logout',
	'/logout',
	'/api/v1/openapi.json',
	// Calendar apps send no cookie: the secret token in the URL opens one person's feed.
	'/calendar/feed/[token].ics',
	// Wall displays are nobody: their pages check the display token in the URL instead.
	'/(wall)/wall/budget',
	'/(wall)/wall/roster'
]);

/**
 * The guard for every page, form action and endpoint, in one place: a route added later is
 * protected without remembering to be. Pages send the visitor to sign in; the API answers 401.
 */
export const requireSignIn: Handle = async ({ event, resolve }) => {
	const route = event.route.id;
	if (event.locals.user || route === null || PUBLIC_ROUTES.has(route)) return resolve(event);
	if (route.startsWith('/api/')) {
		return jsonError(401, 'unauthorized', 'Sign in to continue');
	}
	const back = encodeURIComponent(event.url.pathname + event.url.search);
	return new Response(null, { status: 303, headers: { location: `/login?redirectTo=${back}` } });
};
