/**
 * Job payloads are checked like any other input: a job queued with data it cannot use fails at
 * once, without retries, naming the fields (an administrator sees it in /admin/queues).
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { z } from 'zod';

/** The instant whose provider-local date counts as today (tests and catch-up runs; default now). */
export const asOfField = z.iso.datetime({ offset: true, error: 'must be an ISO timestamp' });

export function jobData<T extends z.ZodType>(schema: T, job: Job): z.infer<T> {
	const parsed = schema.safeParse(job.data ?? {});
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues
		.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`)
		.join('; ');
	throw new UnrecoverableError(`invalid data for job "${job.name}": ${problems}`);
}

export const asDate = (value: string | undefined) => (value ? new Date(value) : undefined);
