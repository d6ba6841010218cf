import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import { methodNotAllowed } from '$lib/server/http/body';
import { fieldErrors, jsonError } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import * as audit from '$lib/server/services/audit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const query = queryObject(url.searchParams);
	// One record's history is its own permission (coordinators see it on record pages); anything
	// wider is the whole trail, which only audit-log readers may search.
	const oneRecord = query.tableName !== undefined && query.recordId !== undefined;
	const allowed = apiAuthorize(locals.user, oneRecord ? 'record-history' : 'audit-logs', 'read');
	if (!allowed.ok) return allowed.response;
	const filters = audit.auditFilters.safeParse(query);
	if (!filters.success) {
		return jsonError(400, 'validation', 'Some filters need attention', fieldErrors(filters.error));
	}
	return json(await audit.list(filters.data));
};

export const fallback: RequestHandler = methodNotAllowed;
