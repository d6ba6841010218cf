import { fail } from '@sveltejs/kit';
import { authorize, decide } from '$lib/server/auth/authorize';
import * as documents from '$lib/server/documents/service';
import { fieldErrors } from '$lib/server/http/errors';
import { queryObject } from '$lib/server/http/query';
import * as participants from '$lib/server/services/participants';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '$lib/shared/enums';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	const scope = authorize(locals.user, 'documents', 'read');
	const viewer = { id: locals.user!.id, scope };
	const parsed = documents.documentFilters.safeParse(queryObject(url.searchParams));
	const filters = parsed.success ? parsed.data : documents.documentFilters.parse({});
	const participantScope = decide(locals.user, 'participants', 'read');
	const people = participantScope.ok
		? await participants.list(
				{ page: 1, limit: 100, sort: 'name' },
				{ id: locals.user!.id, scope: participantScope.scope }
			)
		: { data: [] };
	const settings = await documents.documentSettings();
	return {
		list: await documents.list(filters, viewer),
		filters,
		filterErrors: parsed.success ? {} : fieldErrors(parsed.error),
		types: DOCUMENT_TYPES,
		statuses: DOCUMENT_STATUSES,
		participants: people.data.map((p) => ({ id: p.id, name: p.name })),
		canUpload: decide(locals.user, 'documents', 'create').ok,
		maxUploadMb: Math.round(settings.maxBytes / 1024 / 1024),
		allowedTypes: settings.allowedTypes
	};
}) satisfies PageServerLoad;

export const actions = {
	upload: async ({ locals, request }) => {
		const scope = authorize(locals.user, 'documents', 'create');
		const form = await request.formData();
		const values = {
			name: String(form.get('name') ?? ''),
			type: String(form.get('type') ?? ''),
			participantId: String(form.get('participantId') ?? ''),
			tags: String(form.get('tags') ?? ''),
			expiryDate: String(form.get('expiryDate') ?? '')
		};
		const file = form.get('file');
		const fields = documents.uploadFieldsFrom(form);
		const errors = fields.success ? {} : fieldErrors(fields.error);
		const hasFile = file instanceof File && file.size > 0;
		if (!hasFile) errors.file = 'Choose a file to upload';
		if (!fields.success || !hasFile) return fail(400, { errors, values });
		const outcome = await documents.upload(
			{ file, fields: fields.data },
			{
				id: locals.user!.id,
				scope
			}
		);
		if (!outcome.ok) {
			return fail(outcome.status, {
				errors: outcome.fields ?? { file: outcome.message },
				values
			});
		}
		return { uploaded: outcome.data.name };
	}
} satisfies Actions;
