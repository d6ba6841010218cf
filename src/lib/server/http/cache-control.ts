/**
 * Nothing personal is kept by a browser's or a proxy's cache: every signed-in page and data request
 * holds health details or someone's work, and every API answer is for one caller. A shared kiosk
 * PC's back button or disk cache must not show the previous user's participants.
 * Built assets (/_app/immutable) never reach the hooks: sirv serves them with their own caching.
 * The public sign-in pages keep the browser's default; they hold nothing of anyone's.
 */
import type { Handle } from '@sveltejs/kit';

export const PRIVATE_NO_STORE = 'private, no-store';

export const cacheControl: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const personal = event.locals.user !== null || event.url.pathname.startsWith('/api/');
	if (personal && !response.headers.get('cache-control')?.includes('no-store')) {
		response.headers.set('Cache-Control', PRIVATE_NO_STORE);
	}
	return response;
};
