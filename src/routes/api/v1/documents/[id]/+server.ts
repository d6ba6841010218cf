import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import * as documents from '$lib/server/documents/service';
import { methodNotAllowed, readJson } from '$lib/server/http/body';
import { jsonError } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import type { RequestHandler } from './$types';

// Out of scope answers 404 like a missing id, so a document's existence does not leak.
const notFound = () => jsonError(404, 'not_found', 'No such document');

export const GET: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'documents', 'read');
	if (!allowed.ok) return allowed.response;
	const viewer = { id: locals.user!.id, scope: allowed.scope };
	const document = isUuid(params.id) ? await documents.get(params.id, viewer) : null;
	return document ? json(document) : notFound();
};

export const PATCH: RequestHandler = async (event) => {
	const { locals, params } = event;
	const allowed = apiAuthorize(locals.user, 'documents', 'update');
	if (!allowed.ok) return allowed.response;
	const body = await readJson(event, documents.documentPatchSchema);
	if (!body.ok) return body.response;
	if (!isUuid(params.id)) return notFound();
	const viewer = { id: locals.user!.id, scope: allowed.scope };
	const document = await documents.update(params.id, body.data, viewer);
	return document ? json(document) : notFound();
};

export const DELETE: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'documents', 'delete');
	if (!allowed.ok) return allowed.response;
	if (!isUuid(params.id)) return notFound();
	const viewer = { id: locals.user!.id, scope: allowed.scope };
	return (await documents.remove(params.id, viewer))
		? new Response(null, { status: 204 })
		: notFound();
};

export const fallback: RequestHandler = methodNotAllowed;
