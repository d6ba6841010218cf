import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import * as R from '$lib/server/http/responses';
import { config } from '$lib/server/config';
import * as feeds from '$lib/server/services/calendar-feed';
import type { RequestHandler } from './$types';

// Everyone who can read their own roster may have a feed of it.
const allow = (locals: App.Locals) => apiAuthorize(locals.user, 'calendar-events', 'read');

export const GET: RequestHandler = async ({ locals }) => {
	const allowed = allow(locals);
	if (!allowed.ok) return allowed.response;
	return json(await feeds.status(locals.user!.id));
};

// The URL is shown this once: only its hash is kept.
export const POST: RequestHandler = async ({ locals, url }) => {
	const allowed = allow(locals);
	if (!allowed.ok) return allowed.response;
	const { token, createdAt } = await feeds.create(locals.user!.id);
	const base = config.origin ?? url.origin;
	const answer = { url: `${base}/calendar/feed/${token}.ics`, createdAt };
	return json(answer satisfies R.Answer<typeof R.NewFeed>, { status: 201 });
};

export const DELETE: RequestHandler = async ({ locals }) => {
	const allowed = allow(locals);
	if (!allowed.ok) return allowed.response;
	return (await feeds.revoke(locals.user!.id))
		? new Response(null, { status: 204 })
		: jsonError(404, 'not_found', 'You have no calendar feed link');
};

export const fallback: RequestHandler = methodNotAllowed;
