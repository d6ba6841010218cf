/**
 * 'budget-usage': participants' used budget, burn rate, share of plan elapsed and projected
 * exhaustion (src/lib/server/budgets). Nightly for everyone; for one participant within a second of
 * a change to their sessions or invoices (queued by requestBudgetRecompute). A full run records
 * its progress after every batch, so a retry after a crash carries on where the last commit left.
 */
import { z } from 'zod';
import { recomputeBudgets } from '../lib/server/budgets/run';
import { asDate, asOfField, jobData } from './data';
import type { JobDefinition } from './registry';

const schema = z.strictObject({
	participantId: z.uuid('must be a participant id').optional(),
	asOf: asOfField.optional(),
	batchSize: z.number().int().min(1).max(5000).optional()
});
export type BudgetUsageData = z.infer<typeof schema>;

type Progress = { after?: string };

export const budgetUsageJob: JobDefinition<BudgetUsageData, 'budget-usage'> = {
	name: 'budget-usage',
	queue: 'budgets',
	description: "Participants' used budget, burn rate and projected exhaustion",
	// 02:00 in the provider's zone, after the day's approvals and the overnight shifts' logs.
	schedule: { pattern: '0 2 * * *' },
	attempts: 3,
	backoff: { type: 'exponential', delay: 10_000 },
	async handler(job) {
		const data = jobData(schema, job);
		const progress = (typeof job.progress === 'object' ? job.progress : {}) as Progress;
		return recomputeBudgets({
			participantId: data.participantId,
			asOf: asDate(data.asOf),
			batchSize: data.batchSize,
			resumeAfter: data.participantId ? null : (progress.after ?? null),
			onBatch: (p) => job.updateProgress(p)
		});
	}
};
