import { json } from '@sveltejs/kit';
import { apiAuthorize, apiRefusal } from '$lib/server/auth/authorize';
import { describeDbError } from '$lib/server/db/errors';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import { refuseSelfChange } from '$lib/server/services/user-guards';
import * as users from '$lib/server/services/users';
import type { RequestHandler } from './$types';

const notFound = () => jsonError(404, 'not_found', 'No such user');

export const GET: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'users', 'read');
	if (!allowed.ok) return allowed.response;
	if (allowed.scope !== 'all' && params.id !== locals.user!.id) return apiRefusal();
	const user = isUuid(params.id) ? await users.get(params.id) : null;
	return user ? json(user) : notFound();
};

export const PATCH: RequestHandler = async (event) => {
	const { locals, params } = event;
	const allowed = apiAuthorize(locals.user, 'users', 'update');
	if (!allowed.ok) return allowed.response;
	const actor = locals.user!;
	if (allowed.scope !== 'all' && params.id !== actor.id) return apiRefusal();
	const body = await readJson(event, users.userPatchSchema);
	if (!body.ok) return body.response;
	const patch = body.data;
	// Role and status decide what an account may do, so only account managers change them.
	if (allowed.scope !== 'all' && (patch.role !== undefined || patch.isActive !== undefined)) {
		return apiRefusal();
	}
	const refusal = refuseSelfChange(actor, params.id, patch);
	if (refusal) return jsonError(409, 'conflict', refusal);
	if (!isUuid(params.id)) return notFound();
	try {
		const user = await users.update(params.id, patch);
		return user ? json(user) : notFound();
	} catch (err) {
		const failure = describeDbError(err);
		if (!failure) throw err;
		return jsonError(failure.status, failure.code, failure.message, failure.fields);
	}
};

export const fallback: RequestHandler = methodNotAllowed;
