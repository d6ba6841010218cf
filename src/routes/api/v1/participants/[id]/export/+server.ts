import { apiAuthorize } from '$lib/server/auth/authorize';
import { contentDisposition } from '$lib/server/documents/service';
import { methodNotAllowed } from '$lib/server/http/body';
import { isUuid } from '$lib/server/http/query';
import { exportParticipant } from '$lib/server/services/participant-export';
import { participantNotFound } from '../../respond';
import type { RequestHandler } from './$types';

/** Everything held about one participant as a ZIP; the export is audited. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const allowed = apiAuthorize(locals.user, 'participants', 'export');
	if (!allowed.ok) return allowed.response;
	const user = locals.user!;
	const viewer = { id: user.id, scope: allowed.scope };
	const by = { id: user.id, name: user.name, role: user.role };
	const exported = isUuid(params.id) ? await exportParticipant(params.id, viewer, by) : null;
	if (!exported) return participantNotFound();
	return new Response(Buffer.from(exported.bytes), {
		headers: {
			'Content-Type': 'application/zip',
			'Content-Length': String(exported.bytes.length),
			'Content-Disposition': contentDisposition(exported.filename),
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': 'private, no-store'
		}
	});
};

export const fallback: RequestHandler = methodNotAllowed;
