/**
 * A person's roster as an iCalendar feed for their phone. Public (calendar apps send no cookie)
 * but opened only by the secret token in the URL; rate-limited per address, and answering 404
 * alike for a malformed, unknown or revoked token.
 */
import { consume } from '$lib/server/auth/rate-limit';
import { clientOf } from '$lib/server/auth/handle';
import { config } from '$lib/server/config';
import * as feeds from '$lib/server/services/calendar-feed';
import type { RequestHandler } from './$types';

const PER_MINUTE = 30;

export const GET: RequestHandler = async (event) => {
	const ip = clientOf(event).ip ?? 'unknown';
	if (!(await consume({ key: `calendar-feed:${ip}`, max: PER_MINUTE, windowSeconds: 60 }))) {
		return new Response('Too many requests; try again in a minute.\n', {
			status: 429,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '60' }
		});
	}
	const base = config.origin ?? event.url.origin;
	const text = await feeds.render(event.params.token, `${base}/calendar`);
	if (text === null) {
		return new Response('No such calendar feed.\n', {
			status: 404,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	return new Response(text, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'inline; filename="roster.ics"',
			'cache-control': 'private, no-store',
			// The token is in the path: keep it out of other sites' logs.
			'referrer-policy': 'no-referrer'
		}
	});
};
