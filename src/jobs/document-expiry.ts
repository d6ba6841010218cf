/**
 * 'document-expiry': current → expiring soon → expired, daily just after midnight in the
 * provider's zone and for one document whenever its expiry date is set
 * (src/lib/server/documents/expiry.ts).
 */
import { z } from 'zod';
import { sweepDocumentExpiry } from '../lib/server/documents/expiry';
import { asDate, asOfField, jobData } from './data';
import type { JobDefinition } from './registry';

const schema = z.strictObject({
	documentId: z.uuid('must be a document id').optional(),
	asOf: asOfField.optional()
});
export type DocumentExpiryData = z.infer<typeof schema>;

export const documentExpiryJob: JobDefinition<DocumentExpiryData, 'document-expiry'> = {
	name: 'document-expiry',
	queue: 'records',
	description: 'Documents expiring soon and expired; tells uploaders and coordinators',
	schedule: { pattern: '5 0 * * *' },
	attempts: 3,
	backoff: { type: 'exponential', delay: 10_000 },
	async handler(job) {
		const data = jobData(schema, job);
		return sweepDocumentExpiry({ documentId: data.documentId, asOf: asDate(data.asOf) });
	}
};
