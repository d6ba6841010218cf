/**
 * The wall pages' gate: public routes (no person signs in on a wall screen) authorised by the
 * display token in the URL instead. Unknown, malformed and revoked tokens all answer 401, and the
 * page is never cached and never sends its URL (with the token) on as a referrer.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { providerSettings } from '$lib/server/provider-settings';
import { wallFigures } from '$lib/server/wall/figures';
import * as displayTokens from '$lib/server/wall/tokens';

export async function loadWall({ url, setHeaders }: Pick<RequestEvent, 'url' | 'setHeaders'>) {
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	const token = url.searchParams.get('token');
	const display = await displayTokens.validate(token);
	if (!display || !token) {
		error(401, 'This display link is not valid, or it has been revoked.');
	}
	const [figures, settings] = await Promise.all([wallFigures(), providerSettings()]);
	return { token, displayName: display.name, timeZone: settings.timeZone, ...figures };
}
