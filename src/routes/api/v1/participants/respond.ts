/**
 * How the participants endpoints answer failures the service raises: cross-field rules and
 * database refusals become the contract's 400/409 with per-field messages; anything else is a bug
 * and is rethrown.
 */
import { describeDbError } from '$lib/server/db/errors';
import { jsonError } from '$lib/server/http/errors';
import { ParticipantValidationError } from '$lib/server/services/participants';

export const participantNotFound = () => jsonError(404, 'not_found', 'No such participant');

export function failureResponse(err: unknown): Response {
	if (err instanceof ParticipantValidationError) {
		return jsonError(400, 'validation', err.message, err.fields);
	}
	const failure = describeDbError(err);
	if (!failure) throw err;
	return jsonError(failure.status, failure.code, failure.message, failure.fields);
}
