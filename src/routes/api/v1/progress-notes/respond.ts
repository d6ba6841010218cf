/** How the progress-notes endpoints answer failures the service raises. */
import { describeDbError } from '$lib/server/db/errors';
import { jsonError } from '$lib/server/http/errors';
import { NoteValidationError } from '$lib/server/services/progress-notes';

export const noteNotFound = () => jsonError(404, 'not_found', 'No such progress note');

export function failureResponse(err: unknown): Response {
	if (err instanceof NoteValidationError) {
		return jsonError(400, 'validation', err.message, err.fields);
	}
	const failure = describeDbError(err);
	if (!failure) throw err;
	return jsonError(failure.status, failure.code, failure.message, failure.fields);
}
