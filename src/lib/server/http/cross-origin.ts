/**
 * The API refuses writes another site's page could make with our user's cookie. SvelteKit's own
 * CSRF check covers only form posts (form content types) to pages and endpoints; a body-less or
 * JSON POST to /api/* with a foreign Origin passed it, and only the cookie's SameSite=Lax stood in
 * the way, which lets any same-site origin through (another port, a sibling subdomain).
 *
 * So every request to /api/* but GET, HEAD and OPTIONS must come from the app's own origin, as
 * `event.url.origin` gives it (ORIGIN, the proxy's headers, or the connection: http/origin.ts):
 * - `Origin`, when present, must be exactly it (`null`, from a sandboxed frame or a redirect
 *   across sites, is not);
 * - without `Origin`, `Sec-Fetch-Site` decides: `same-origin` and `none` (the user's own action,
 *   such as typing the address) pass, `same-site` and `cross-site` are refused;
 * - with neither, the request passes. Every browser that sends Sec-Fetch-Site (all current ones)
 *   also sends Origin on a cross-origin POST, so such a request comes from something that is not
 *   a browser (curl, a script, a server-side client): it holds the cookie itself, and there is no
 *   victim's browser to borrow it from. Old browsers that send neither still have SameSite=Lax.
 * Tokens for machine clients, if added later, are the place for an exception.
 */
import type { Handle } from '@sveltejs/kit';
import { jsonError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Request = { method: string; pathname: string; headers: Headers; ownOrigin: string };

/** Whether this request must be refused as a cross-origin write. */
export function isCrossOriginWrite({ method, pathname, headers, ownOrigin }: Request): boolean {
	if (SAFE_METHODS.has(method.toUpperCase())) return false;
	if (!pathname.startsWith('/api/')) return false;
	const origin = headers.get('origin');
	if (origin !== null) return origin !== ownOrigin;
	const site = headers.get('sec-fetch-site');
	if (site !== null) return site !== 'same-origin' && site !== 'none';
	return false;
}

export const refuseCrossOriginWrites: Handle = ({ event, resolve }) => {
	const refused = isCrossOriginWrite({
		method: event.request.method,
		pathname: event.url.pathname,
		headers: event.request.headers,
		ownOrigin: event.url.origin
	});
	if (refused) return jsonError(403, 'forbidden', 'Cross-origin request refused');
	return resolve(event);
};
