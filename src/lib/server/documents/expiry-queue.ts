/**
 * A document whose expiry date is set or changed is checked at once (status, notices, live push)
 * by the 'document-expiry' job for that one document, queued after the change commits.
 */
import { enqueueJob } from '../../../jobs/registry';
import { currentTransaction } from '../db/context';
import { logger } from '../logger';

export function requestExpiryCheck(documentId: string): void {
	const send = () => {
		enqueueJob(
			'document-expiry',
			{ documentId },
			{ deduplication: { id: `document-expiry:${documentId}`, keepLastIfActive: true } }
		).catch((err: unknown) =>
			logger.error({ err, documentId }, 'queueing a document expiry check failed')
		);
	};
	const open = currentTransaction();
	if (open) open.afterCommit(send);
	else send();
}
