/**
 * The wall pages' gate: public routes (no person signs in on a wall screen) authorised by the
 * display token in the URL instead. Unknown, malformed and revoked tokens all answer 401, and the
 * page is never cached and never sends its URL (with the token) on as a referrer.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { providerSettings } from '$lib/server/provider-settings';
import { wallFigures } from '$lib/server/wall/figures';
import * as displayTokens from '$lib/server/wall/tokens';

export async function loadWall(
	event: Pick<RequestEvent, 'url' | 'setHeaders' | 'getClientAddress'>
) {
	event.setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	const token = event.url.searchParams.get('token');
	let address: string | null = null;
	try {
		address = event.getClientAddress();
	} catch {
		// Unattributed (a proxy header missing): the token is still checked, just not counted.
	}
	// Wrong tokens are counted per address (wall/tokens.ts check), so links cannot be guessed.
	const checked = await displayTokens.check(token, address);
	if (!checked.ok && checked.reason === 'rate_limited') {
		error(429, 'Too many wrong display links from this network. Please try again in 15 minutes.');
	}
	if (!checked.ok || !token) {
		error(401, 'This display link is not valid, or it has been revoked.');
	}
	const display = checked.display;
	const [figures, settings] = await Promise.all([wallFigures(), providerSettings()]);
	return { token, displayName: display.name, timeZone: settings.timeZone, ...figures };
}
