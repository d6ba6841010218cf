import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { describeDbError } from '$lib/server/db/errors';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import * as staff from '$lib/server/services/staff';
import type { RequestHandler } from './$types';

const notFound = () => jsonError(404, 'not_found', 'No such staff member');

export const GET: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'staff', 'read');
	if (!allowed.ok) return allowed.response;
	if (!isUuid(params.id)) return notFound();
	const member = await staff.get(params.id, locals.user!);
	return member ? json(member) : notFound();
};

export const PATCH: RequestHandler = async (event) => {
	const { locals, params } = event;
	const allowed = apiAuthorize(locals.user, 'staff', 'update', 'all');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, staff.staffPatchSchema);
	if (!body.ok) return body.response;
	if (!isUuid(params.id)) return notFound();
	try {
		const member = await staff.update(params.id, body.data, locals.user!);
		return member ? json(member) : notFound();
	} catch (err) {
		const failure = describeDbError(err);
		if (!failure) throw err;
		return jsonError(failure.status, failure.code, failure.message, failure.fields);
	}
};

export const fallback: RequestHandler = methodNotAllowed;
