import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import * as R from '$lib/server/http/responses';
import * as settings from '$lib/server/services/settings';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	const allowed = apiAuthorize(locals.user, 'settings-system', 'read');
	if (!allowed.ok) return allowed.response;
	const data = await settings.listSystem();
	// A short fixed list: one page holds all of it, in the contract's list shape.
	const answer = { data, total: data.length, page: 1, limit: Math.max(data.length, 1) };
	return json(answer satisfies R.Answer<typeof R.Lists.settings>);
};

export const PATCH: RequestHandler = async (event) => {
	const allowed = apiAuthorize(event.locals.user, 'settings-system', 'update', 'all');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, settings.settingPatchSchema);
	if (!body.ok) return body.response;
	const outcome = await settings.updateSystem(body.data.key, body.data.value);
	if (!outcome.ok) return jsonError(outcome.status, outcome.code, outcome.message, outcome.fields);
	return json(outcome.data);
};

export const fallback: RequestHandler = methodNotAllowed;
