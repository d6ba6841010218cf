import { error } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import * as documents from '$lib/server/documents/service';
import { isUuid } from '$lib/server/http/query';
import type { RequestHandler } from './$types';

/** Streams a visible document's file as an attachment; the download is audited. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const scope = authorize(locals.user, 'documents', 'read');
	const file = isUuid(params.id)
		? await documents.download(params.id, { id: locals.user!.id, scope })
		: null;
	if (!file) error(404, 'No such document');
	return new Response(file.stream, {
		headers: {
			'Content-Type': file.mimeType,
			'Content-Length': String(file.size),
			'Content-Disposition': documents.contentDisposition(file.name),
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': 'private, no-store'
		}
	});
};
