/**
 * The registry refuses to start with a mistake that would otherwise show up only as jobs that
 * never run: two handlers for one name, a job on a queue no worker works, a queue with no jobs.
 */
import { describe, expect, it } from 'vitest';
import {
	JOBS,
	QUEUE_NAMES,
	UnknownJobError,
	checkRegistry,
	enqueueJob,
	findJob,
	isJobName,
	type JobDefinition,
	type QueueName
} from './registry';

const job = (name: string, queue: string, extra: Partial<JobDefinition> = {}): JobDefinition => ({
	name,
	queue: queue as QueueName,
	handler: async () => undefined,
	...extra
});

describe('job registry', () => {
	it('accepts the jobs the worker runs', () => {
		expect(() => checkRegistry()).not.toThrow();
		expect(QUEUE_NAMES).toContain('mail');
		expect(findJob('send-mail')?.queue).toBe('mail');
		expect(isJobName('send-mail')).toBe(true);
		expect(isJobName('no-such-job')).toBe(false);
	});

	it('has the jobs the issue and the spec ask for, each described and each repeating one scheduled', () => {
		for (const name of [
			'budget-usage',
			'document-expiry',
			'invoice-overdue',
			'staff-stats',
			'catalogue-prices',
			'ensure-partitions',
			'analyze-tables',
			'archive-partitions',
			'access-review',
			'purge-expired',
			'wall-refresh'
		]) {
			const job = findJob(name);
			expect(job?.schedule, name).toBeDefined();
			expect(job?.description, name).toMatch(/\w/);
		}
		// Cron fields: minute hour day month weekday, numbers only, so every run time is plain.
		for (const job of JOBS) {
			if (job.schedule?.pattern)
				expect(job.schedule.pattern).toMatch(/^\d+ \d+ [\d*]+ [\d,*]+ [\d*]$/);
		}
	});

	it('refuses a job name defined twice', () => {
		const jobs = [job('send-mail', 'mail'), job('send-mail', 'mail')];
		expect(() => checkRegistry(jobs, ['mail'])).toThrow(
			'job "send-mail" is defined twice (queues "mail" and "mail"); each job name has exactly one handler'
		);
	});

	it('refuses a job on a queue that does not exist', () => {
		const jobs = [job('send-mail', 'mail'), job('budget-usage', 'budgets')];
		expect(() => checkRegistry(jobs, ['mail'])).toThrow(
			'job "budget-usage" is on queue "budgets", which is not one of QUEUES (mail)'
		);
	});

	it('refuses a queue without any job', () => {
		expect(() => checkRegistry([job('send-mail', 'mail')], ['mail', 'maintenance'])).toThrow(
			'queue "maintenance" has no jobs; add one or remove the queue from QUEUES'
		);
	});

	it('refuses a schedule with both or neither of pattern and every', () => {
		const both = job('a', 'mail', { schedule: { pattern: '0 2 * * *', every: 60_000 } });
		const neither = job('b', 'mail', { schedule: {} });
		expect(() => checkRegistry([both, neither], ['mail'])).toThrow(
			/job "a" must be scheduled by either a pattern or every[\s\S]*job "b" must be scheduled/
		);
	});

	it('lists every problem at once, naming the file to fix', () => {
		const jobs = [job('x', 'mail'), job('x', 'nowhere')];
		expect(() => checkRegistry(jobs, ['mail', 'empty'])).toThrow(
			/^Invalid job registry \(src\/jobs\/registry\.ts\):\n {2}job "x" is defined twice[\s\S]*not one of QUEUES[\s\S]*queue "empty" has no jobs/
		);
	});

	it('names the registered jobs when asked to queue an unknown one, before touching Redis', async () => {
		const attempt = enqueueJob('no-such-job');
		await expect(attempt).rejects.toBeInstanceOf(UnknownJobError);
		await expect(attempt).rejects.toThrow(
			`unknown job "no-such-job"; registered jobs: ${JOBS.map((j) => j.name).join(', ')}`
		);
	});
});
