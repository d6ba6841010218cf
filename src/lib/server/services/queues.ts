/**
 * What /admin/queues and /api/v1/admin shows and does: each queue's counts, its failed jobs with
 * their error (retry or remove), each schedule with its next run, and "run now". Every change is
 * audited as the administrator who made it.
 */
import type { Job } from 'bullmq';
import {
	enqueueJob,
	findJob,
	JOBS,
	QUEUE_NAMES,
	queueFor,
	type QueueName
} from '../../../jobs/registry';
import { tx } from '../db';
import { currentActor } from '../db/context';
import { AuditLog } from '../db/models';
import { withRedis } from '../redis';

export const COUNT_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type CountState = (typeof COUNT_STATES)[number];

export type FailedJob = {
	id: string;
	name: string;
	queue: QueueName;
	failedReason: string;
	attemptsMade: number;
	failedAt: string | null;
	data: string;
};

export type Schedule = {
	name: string;
	queue: QueueName;
	pattern: string | null;
	every: number | null;
	timeZone: string | null;
	nextRun: string | null;
};

export type QueueOverview = {
	name: QueueName;
	counts: Record<CountState, number>;
	failed: FailedJob[];
	schedules: Schedule[];
};

export type RunnableJob = { name: string; queue: QueueName; description: string };

/** Jobs an administrator may start by hand: every job that needs no payload. */
export const RUNNABLE: RunnableJob[] = JOBS.filter((job) => job.name !== 'send-mail').map(
	(job) => ({
		name: job.name,
		queue: job.queue,
		description: job.description ?? ''
	})
);

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

function failedOf(queue: QueueName, job: Job): FailedJob {
	const data = JSON.stringify(job.data ?? {});
	return {
		id: job.id ?? '',
		name: job.name,
		queue,
		failedReason: job.failedReason || 'failed without a reason',
		attemptsMade: job.attemptsMade,
		failedAt: iso(job.finishedOn),
		// Payloads can be large (a whole email); enough to recognise the job is enough.
		data: data.length > 200 ? `${data.slice(0, 200)}…` : data
	};
}

export async function overview(failedLimit = 25): Promise<QueueOverview[]> {
	// Everything here is in Redis: while it is away the page answers 503 at once (withRedis).
	return withRedis(() => overviewOf(failedLimit));
}

async function overviewOf(failedLimit: number): Promise<QueueOverview[]> {
	return Promise.all(
		QUEUE_NAMES.map(async (name) => {
			const queue = queueFor(name);
			const [counts, failed, schedulers] = await Promise.all([
				queue.getJobCounts(...COUNT_STATES),
				queue.getFailed(0, failedLimit - 1),
				queue.getJobSchedulers()
			]);
			return {
				name,
				counts: Object.fromEntries(COUNT_STATES.map((s) => [s, counts[s] ?? 0])) as Record<
					CountState,
					number
				>,
				failed: failed.filter(Boolean).map((job) => failedOf(name, job)),
				schedules: schedulers
					.map((s) => ({
						name: s.name ?? s.key,
						queue: name,
						pattern: s.pattern ?? null,
						every: s.every ? Number(s.every) : null,
						timeZone: s.tz ?? null,
						nextRun: iso(s.next)
					}))
					.sort((a, b) => a.name.localeCompare(b.name))
			};
		})
	);
}

async function audit(action: string, values: Record<string, unknown>) {
	const actor = currentActor();
	await tx(() =>
		AuditLog.create(
			{
				userId: actor.userId,
				action,
				tableName: null,
				recordId: null,
				oldValues: null,
				newValues: values,
				ipAddress: actor.ip?.slice(0, 45) ?? null,
				userAgent: actor.userAgent ?? null
			},
			{ returning: false }
		)
	);
}

export type RunOutcome =
	{ ok: true; jobId: string } | { ok: false; status: 400 | 404; message: string };

/**
 * Queues a job now. Asking again while that run still waits or runs answers the same job id
 * instead of queuing a second one.
 */
export async function runNow(name: string): Promise<RunOutcome> {
	const job = findJob(name);
	if (!job) return { ok: false, status: 404, message: `No job called "${name}"` };
	if (!RUNNABLE.some((r) => r.name === name)) {
		return { ok: false, status: 400, message: `"${name}" cannot be run by hand` };
	}
	const jobId = await withRedis(() =>
		enqueueJob(name, {}, { deduplication: { id: `run-now:${name}` } })
	);
	await audit('job.run', { job: name, jobId });
	return { ok: true, jobId };
}

function isQueue(name: string): name is QueueName {
	return (QUEUE_NAMES as string[]).includes(name);
}

async function failedJob(queue: string, id: string): Promise<Job | null> {
	if (!isQueue(queue)) return null;
	const job = await queueFor(queue).getJob(id);
	if (!job || (await job.getState()) !== 'failed') return null;
	return job;
}

/** Puts a failed job back in the queue; false when there is no such failed job. */
export async function retryFailed(queue: string, id: string): Promise<boolean> {
	const job = await withRedis(() => failedJob(queue, id));
	if (!job) return false;
	await withRedis(() => job.retry('failed'));
	await audit('job.retry', { queue, jobId: id, job: job.name });
	return true;
}

/** Removes a failed job for good; false when there is no such failed job. */
export async function removeFailed(queue: string, id: string): Promise<boolean> {
	const job = await withRedis(() => failedJob(queue, id));
	if (!job) return false;
	await withRedis(() => job.remove());
	await audit('job.remove', { queue, jobId: id, job: job.name, reason: job.failedReason });
	return true;
}
