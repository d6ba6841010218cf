import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import * as settings from '$lib/server/services/settings';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	const allowed = apiAuthorize(locals.user, 'settings-me', 'read', 'own');
	if (!allowed.ok) return allowed.response;
	return json(await settings.getMine(locals.user!.id));
};

export const PATCH: RequestHandler = async (event) => {
	const allowed = apiAuthorize(event.locals.user, 'settings-me', 'update', 'own');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, settings.settingPatchSchema);
	if (!body.ok) return body.response;
	const outcome = await settings.setMine(event.locals.user!.id, body.data.key, body.data.value);
	if (!outcome.ok) return jsonError(outcome.status, outcome.code, outcome.message, outcome.fields);
	return json(outcome.data);
};

export const fallback: RequestHandler = methodNotAllowed;
