/**
 * A document whose expiry date is set or changed is checked at once (status, notices, live push)
 * by the 'document-expiry' job for that one document, requested through the outbox
 * (src/lib/server/outbox.ts): queued after the change commits, kept while Redis is away.
 */
import { requestJob } from '../outbox';

export function requestExpiryCheck(documentId: string): void {
	requestJob(
		'document-expiry',
		{ documentId },
		{ deduplication: { id: `document-expiry:${documentId}`, keepLastIfActive: true } }
	);
}
