/**
 * The job registry: every queue, every job name and its one handler, and the producer side
 * (`queueFor`, `enqueueJob`) that the web process and jobs use to queue work.
 *
 * Adding a queue is one line in QUEUES; adding a job is one definition in its own file under
 * src/jobs and one line in JOBS. Job modules import only types from here, so JOBS can import them
 * without an import cycle being evaluated at load time.
 */
import { Queue, type BackoffOptions, type Job, type JobsOptions, type KeepJobs } from 'bullmq';
import { config } from '../lib/server/config';
import { logger } from '../lib/server/logger';
import { onShutdown } from '../lib/server/shutdown';
import { accessReviewJob } from './access-review';
import { analyzeTablesJob } from './analyze-tables';
import { archivePartitionsJob } from './archive-partitions';
import { budgetUsageJob } from './budget-usage';
import { cataloguePricesJob } from './catalogue-prices';
import { documentExpiryJob } from './document-expiry';
import { ensurePartitionsJob } from './ensure-partitions';
import { invoiceOverdueJob } from './invoice-overdue';
import { sendMailJob } from './mail';
import { purgeExpiredJob } from './purge-expired';
import { staffStatsJob } from './staff-stats';
import { wallRefreshJob } from './wall-refresh';

/** Each queue gets one BullMQ Worker per worker process, running this many jobs at once. */
export const QUEUES = {
	// Sending mail waits on a remote server, not on us: several at once is cheap.
	mail: { concurrency: 5 },
	// Budgets and staff figures: one participant's recompute must not wait behind the nightly run.
	budgets: { concurrency: 4 },
	// Status sweeps (documents, invoices): each is one transaction; two at once is plenty.
	records: { concurrency: 2 },
	// Owner-level upkeep: one at a time, so ANALYZE and archiving never compete.
	maintenance: { concurrency: 1 },
	displays: { concurrency: 1 }
} as const satisfies Record<string, { concurrency: number }>;

export type QueueName = keyof typeof QUEUES;
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];

/** A recurring job: a cron `pattern` (in `tz`, default the provider's zone) or `every` N ms. */
export type JobSchedule = { pattern?: string; every?: number; tz?: string };

export type JobDefinition<Data = unknown, Name extends string = string> = {
	name: Name;
	queue: QueueName;
	/** What it does, for the administrators' queue page. */
	description?: string;
	// Method syntax on purpose: a JobDefinition<Mail> then fits the JOBS list of JobDefinition.
	handler(job: Job<Data>): Promise<unknown>;
	schedule?: JobSchedule;
	/** Total tries, the first included (default 1: no retry). */
	attempts?: number;
	backoff?: BackoffOptions;
	removeOnComplete?: KeepJobs;
	removeOnFail?: KeepJobs | false;
};

/** Every job the worker runs. One line per job. */
export const JOBS = [
	sendMailJob,
	budgetUsageJob,
	staffStatsJob,
	documentExpiryJob,
	invoiceOverdueJob,
	cataloguePricesJob,
	ensurePartitionsJob,
	analyzeTablesJob,
	archivePartitionsJob,
	accessReviewJob,
	purgeExpiredJob,
	wallRefreshJob
] as const satisfies readonly JobDefinition[];

export type JobName = (typeof JOBS)[number]['name'];

// Completed jobs are evidence, not history: keep a day's worth, at most a thousand per queue.
const KEEP_COMPLETED: KeepJobs = { age: 24 * 3600, count: 1000 };

/**
 * Throws one error listing every problem: a job name defined twice, a job on a queue that does
 * not exist, a queue without jobs (nothing would ever run there), a malformed schedule.
 */
export function checkRegistry(
	jobs: readonly JobDefinition[] = JOBS,
	queues: readonly string[] = QUEUE_NAMES
): void {
	const problems: string[] = [];
	const seen = new Map<string, string>();
	for (const job of jobs) {
		if (!job.name.trim()) problems.push(`a job on queue "${job.queue}" has an empty name`);
		const earlier = seen.get(job.name);
		if (earlier !== undefined) {
			problems.push(
				`job "${job.name}" is defined twice (queues "${earlier}" and "${job.queue}"); each job name has exactly one handler`
			);
		}
		seen.set(job.name, job.queue);
		if (!queues.includes(job.queue)) {
			problems.push(
				`job "${job.name}" is on queue "${job.queue}", which is not one of QUEUES (${queues.join(', ')})`
			);
		}
		const schedule = job.schedule;
		if (schedule && Boolean(schedule.pattern) === Boolean(schedule.every)) {
			problems.push(`job "${job.name}" must be scheduled by either a pattern or every, not both`);
		}
	}
	for (const queue of queues) {
		if (!jobs.some((job) => job.queue === queue)) {
			problems.push(`queue "${queue}" has no jobs; add one or remove the queue from QUEUES`);
		}
	}
	if (problems.length > 0) {
		throw new Error(`Invalid job registry (src/jobs/registry.ts):\n  ${problems.join('\n  ')}`);
	}
}

let checked = false;
function assertRegistry(): void {
	if (!checked) checkRegistry();
	checked = true;
}

export function findJob(name: string): JobDefinition | null {
	return JOBS.find((job) => job.name === name) ?? null;
}

export function isJobName(name: string): name is JobName {
	return findJob(name) !== null;
}

/** The options every job of a definition is added with (also the template of its schedule). */
export function jobOptions(job: JobDefinition): JobsOptions {
	return {
		attempts: job.attempts ?? 1,
		backoff: job.backoff,
		removeOnComplete: job.removeOnComplete ?? KEEP_COMPLETED,
		removeOnFail: job.removeOnFail ?? false
	};
}

let prefix = config.queuePrefix;

export function queuePrefix(): string {
	return prefix;
}

/** Tests isolate their queues under a prefix of their own; any open queues are closed first. */
export async function setQueuePrefixForTests(value: string): Promise<void> {
	await closeQueues();
	prefix = value;
}

/**
 * Connection options for BullMQ, which opens (and closes) its own connections from them. Workers
 * wait on Redis for as long as it takes (BullMQ requires maxRetriesPerRequest: null there);
 * producers fail after a few reconnect attempts rather than hang a web request.
 */
export function redisConnection(role: 'producer' | 'worker') {
	return {
		url: config.redisUrl,
		connectionName: `ndis-${role}`,
		connectTimeout: 5_000,
		retryStrategy: (attempt: number) => Math.min(attempt * 250, 5_000),
		maxRetriesPerRequest: role === 'worker' ? null : 3
	};
}

const queues = new Map<QueueName, Queue>();

/** The process's Queue for producers (cached); closed by closeQueues() or at shutdown. */
export function queueFor(name: QueueName): Queue {
	const open = queues.get(name);
	if (open) return open;
	if (!(name in QUEUES)) throw new Error(`unknown queue "${name}"`);
	if (queues.size === 0) onShutdown('queues', closeQueues);
	const queue = new Queue(name, { connection: redisConnection('producer'), prefix });
	// Without a listener an 'error' event would crash the process; log each distinct one once.
	let lastError = '';
	queue.on('error', (err) => {
		if (err.message === lastError) return;
		lastError = err.message;
		logger.warn({ err, queue: name }, 'queue connection error');
	});
	queues.set(name, queue);
	return queue;
}

export async function closeQueues(): Promise<void> {
	const open = [...queues.values()];
	queues.clear();
	await Promise.all(open.map((queue) => queue.close()));
}

export class UnknownJobError extends Error {
	constructor(readonly jobName: string) {
		super(`unknown job "${jobName}"; registered jobs: ${JOBS.map((job) => job.name).join(', ')}`);
		this.name = 'UnknownJobError';
	}
}

/** Options a producer may set for one job; a definition's own options are the defaults. */
export type EnqueueOptions = Pick<
	JobsOptions,
	'jobId' | 'delay' | 'priority' | 'attempts' | 'deduplication'
> & {
	backoff?: BackoffOptions;
};

/**
 * Queues a registered job and returns its id. A `jobId` makes it idempotent: a job with that id
 * already queued (or kept) is not added again. Throws UnknownJobError for a name not in JOBS.
 */
export async function enqueueJob(
	name: string,
	data: unknown = {},
	opts: EnqueueOptions = {}
): Promise<string> {
	assertRegistry();
	const job = findJob(name);
	if (!job) throw new UnknownJobError(name);
	const added = await queueFor(job.queue).add(job.name, data, { ...jobOptions(job), ...opts });
	if (!added.id) throw new Error(`BullMQ returned no id for job "${name}"`);
	return added.id;
}
