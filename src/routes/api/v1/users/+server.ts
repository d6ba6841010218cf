import { config } from '$lib/server/config';
import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { describeDbError } from '$lib/server/db/errors';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { fieldErrors, jsonError } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import * as users from '$lib/server/services/users';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const allowed = apiAuthorize(locals.user, 'users', 'read');
	if (!allowed.ok) return allowed.response;
	const filters = users.userFilters.safeParse(queryObject(url.searchParams));
	if (!filters.success) {
		return jsonError(400, 'validation', 'Some filters need attention', fieldErrors(filters.error));
	}
	// Frontline staff may read only their own account, so their list holds just that one.
	const onlyId = allowed.scope === 'all' ? undefined : locals.user!.id;
	return json(await users.list(filters.data, onlyId));
};

export const POST: RequestHandler = async (event) => {
	const allowed = apiAuthorize(event.locals.user, 'users', 'create', 'all');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, users.newUserSchema);
	if (!body.ok) return body.response;
	try {
		const invitation = {
			origin: config.origin ?? event.url.origin,
			invitedBy: event.locals.user!.name
		};
		return json(await users.create(body.data, invitation), { status: 201 });
	} catch (err) {
		const failure = describeDbError(err);
		if (!failure) throw err;
		return jsonError(failure.status, failure.code, failure.message, failure.fields);
	}
};

export const fallback: RequestHandler = methodNotAllowed;
