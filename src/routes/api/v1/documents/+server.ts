import { json } from '@sveltejs/kit';
import { apiAuthorize } from '$lib/server/auth/authorize';
import * as documents from '$lib/server/documents/service';
import { methodNotAllowed } from '$lib/server/http/body';
import { fieldErrors, jsonError } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const allowed = apiAuthorize(locals.user, 'documents', 'read');
	if (!allowed.ok) return allowed.response;
	const filters = documents.documentFilters.safeParse(queryObject(url.searchParams));
	if (!filters.success) {
		return jsonError(400, 'validation', 'Some filters need attention', fieldErrors(filters.error));
	}
	return json(await documents.list(filters.data, { id: locals.user!.id, scope: allowed.scope }));
};

export const POST: RequestHandler = async ({ locals, request }) => {
	const allowed = apiAuthorize(locals.user, 'documents', 'create');
	if (!allowed.ok) return allowed.response;
	if (!/^multipart\/form-data\b/i.test(request.headers.get('content-type') ?? '')) {
		return jsonError(415, 'unsupported_media_type', 'Send the upload as multipart/form-data');
	}
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return jsonError(400, 'validation', 'The upload could not be read');
	}
	const file = form.get('file');
	const fields = documents.uploadFieldsFrom(form);
	const errors = fields.success ? {} : fieldErrors(fields.error);
	if (!(file instanceof Blob)) errors.file = 'is required';
	if (!fields.success || !(file instanceof Blob)) {
		return jsonError(400, 'validation', 'Some fields need attention', errors);
	}
	const outcome = await documents.upload(
		{ file, fields: fields.data },
		{
			id: locals.user!.id,
			scope: allowed.scope
		}
	);
	if (!outcome.ok) {
		return jsonError(outcome.status, outcome.code, outcome.message, outcome.fields);
	}
	return json(outcome.data, { status: 201 });
};

export const fallback: RequestHandler = methodNotAllowed;
