/** Answers one approve/reject the way the contract's action endpoints do. */
import { json } from '@sveltejs/kit';
import { jsonError } from '$lib/server/http/errors';
import type { ReviewOutcome } from '$lib/server/services/session-logs';

export function singleOutcome(outcome: ReviewOutcome | undefined): Response {
	if (!outcome) return jsonError(404, 'not_found', 'No such session log');
	if (outcome.ok) return json(outcome.session);
	return jsonError(
		outcome.status,
		outcome.status === 404 ? 'not_found' : 'conflict',
		outcome.message
	);
}
