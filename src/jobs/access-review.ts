/** 'access-review': the quarterly list of accounts, roles and sign-ins, sent to super admins. */
import { z } from 'zod';
import { runAccessReview } from '../lib/server/maintenance/access-review';
import { asDate, asOfField, jobData } from './data';
import type { JobDefinition } from './registry';

const schema = z.strictObject({ asOf: asOfField.optional() });

export const accessReviewJob: JobDefinition<z.infer<typeof schema>, 'access-review'> = {
	name: 'access-review',
	queue: 'maintenance',
	description: 'Quarterly access review (accounts, roles, last sign-in) as a CSV for super admins',
	// 07:00 on the first day of each quarter.
	schedule: { pattern: '0 7 1 1,4,7,10 *' },
	attempts: 3,
	backoff: { type: 'exponential', delay: 60_000 },
	async handler(job) {
		const { asOf } = jobData(schema, job);
		const result = await runAccessReview({ jobId: job.id ?? job.name, asOf: asDate(asOf) });
		return { id: result.id, created: result.created, period: result.summary.period };
	}
};
