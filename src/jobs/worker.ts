/**
 * `npm run worker`: one BullMQ Worker per queue, each handing a job to the one handler its name is
 * registered with. Any number of worker processes may run at once: BullMQ gives each job to one of
 * them, and a job whose worker died is picked up again by another (stalled-job check).
 *
 * `startWorkers()` is the whole worker without the process around it, so tests run it in-process;
 * the entry at the bottom adds signals and exit codes. Nothing is served over HTTP.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { assertProductionSecrets, config } from '../lib/server/config';
import { closeDb } from '../lib/server/db';
import { SYSTEM, runAs } from '../lib/server/db/context';
import { logger } from '../lib/server/logger';
import { acknowledgeJob, databaseNow, startOutboxDrainer } from '../lib/server/outbox';
import { installProcessGuards } from '../lib/server/process-guard';
import { closeRedis, redis } from '../lib/server/redis';
import { providerSettings } from '../lib/server/provider-settings';
import { onShutdown, runShutdown } from '../lib/server/shutdown';
import { DEFAULT_TIME_ZONE } from '../lib/server/time';
import {
	QUEUES,
	QUEUE_NAMES,
	checkRegistry,
	findJob,
	queuePrefix,
	redisConnection,
	type QueueName
} from './registry';
import { catchUpMissedRuns, recordFullRun, syncSchedules } from './schedules';

export type StartOptions = {
	/** The queues this process works (default: all). Schedules are kept for these only. */
	queues?: readonly QueueName[];
	concurrency?: Partial<Record<QueueName, number>>;
	/**
	 * How long a job stays this worker's without the worker renewing its lock (default
	 * BULLMQ_LOCK_MS, 30 s): after a crash, that long before another worker takes the job again.
	 */
	lockDuration?: number;
	/** How often this worker looks for jobs whose worker died (default 30 s). */
	stalledInterval?: number;
	/** Run this process's outbox drainer (default true; tests that drive the outbox say false). */
	outbox?: boolean;
};

export type Workers = {
	/** Stops taking jobs and waits for the active ones to finish. */
	close(): Promise<void>;
};

function dispatch(queue: QueueName) {
	return async (job: Job) => {
		const definition = findJob(job.name);
		if (!definition || definition.queue !== queue) {
			throw new UnrecoverableError(`no handler for job "${job.name}" on queue "${queue}"`);
		}
		// Jobs act for no user: row-level security and the audit trail see the 'system' actor.
		return runAs(SYSTEM, async () => {
			// In the database's clock: rows queued before this moment are served by this run.
			const startedAt = job.repeatJobKey ? null : await databaseNow();
			let result: unknown;
			try {
				result = await definition.handler(job);
			} catch (err) {
				const final =
					err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
				// Failed for good: it stays on the failed list for an administrator, not in the outbox.
				if (final && startedAt) await settle(acknowledgeJob(job, startedAt), job, 'outbox');
				throw err;
			}
			await settle(recordFullRun(job), job, 'last run');
			if (startedAt) await settle(acknowledgeJob(job, startedAt), job, 'outbox');
			return result;
		});
	};
}

/**
 * The job's work is done whatever happens here: a failure to record it is logged, not turned into
 * a failed job (the outbox re-checks an unacknowledged row against Redis later).
 */
async function settle(step: Promise<unknown>, job: Job, what: string): Promise<void> {
	try {
		await step;
	} catch (err) {
		logger.error(
			{ err, job: { id: job.id, name: job.name } },
			`recording a finished job (${what}) failed`
		);
	}
}

function createWorker(queue: QueueName, concurrency: number, options: StartOptions): Worker {
	const worker = new Worker(queue, dispatch(queue), {
		connection: redisConnection('worker'),
		prefix: queuePrefix(),
		concurrency,
		lockDuration: options.lockDuration ?? config.workerLockMs,
		...(options.stalledInterval ? { stalledInterval: options.stalledInterval } : {})
	});
	worker.on('failed', (job, err) => {
		const unrecoverable = err instanceof UnrecoverableError || err.name === 'UnrecoverableError';
		const willRetry = !!job && !unrecoverable && job.attemptsMade < (job.opts.attempts ?? 1);
		const about = job && { id: job.id, name: job.name, attemptsMade: job.attemptsMade };
		// A failure that will be retried is routine (a busy mail server): no stack trace for it.
		if (willRetry) {
			logger.warn({ queue, job: about, reason: err.message }, 'job failed; will retry');
		} else {
			logger.error({ err, queue, job: about }, 'job failed');
		}
	});
	let lastError = '';
	worker.on('error', (err) => {
		if (err.message === lastError) return;
		lastError = err.message;
		logger.error({ err, queue }, 'worker error');
	});
	return worker;
}

/** The zone cron schedules run in: the provider's setting, read at start-up (restart to change). */
async function scheduleTimeZone(): Promise<string> {
	try {
		return (await providerSettings()).timeZone;
	} catch (err) {
		logger.warn(
			{ err },
			`could not read the time-zone setting; scheduling in ${DEFAULT_TIME_ZONE}`
		);
		return DEFAULT_TIME_ZONE;
	}
}

/** Schedules as the registry says, then one run of any nightly job that was missed. */
async function restoreSchedules(names: readonly QueueName[], timeZone: string): Promise<void> {
	for (const queue of names) await syncSchedules(queue, timeZone);
	await catchUpMissedRuns(names, timeZone);
}

/**
 * Redis may come back empty (nothing on disk): every time the connection is ready again, the
 * schedules are re-created and missed runs caught up, retrying until that succeeds.
 */
function restoreOnReconnect(names: readonly QueueName[], timeZone: string): () => void {
	const client = redis();
	let timer: NodeJS.Timeout | undefined;
	let stopped = false;
	const attempt = () => {
		timer = undefined;
		restoreSchedules(names, timeZone).then(
			() => logger.info({ queues: names }, 'schedules restored after reconnecting to Redis'),
			(err: unknown) => {
				logger.warn({ err }, 'restoring schedules failed; trying again');
				if (!stopped) timer = setTimeout(attempt, 2_000);
			}
		);
	};
	// Start-up has just restored them; the connection's first 'ready' (if it was not up yet) is
	// part of that start, every later one a reconnect.
	let connected = client.status === 'ready';
	const onReady = () => {
		if (!connected) {
			connected = true;
			return;
		}
		if (timer) clearTimeout(timer);
		timer = setTimeout(attempt, 200);
	};
	client.on('ready', onReady);
	return () => {
		stopped = true;
		if (timer) clearTimeout(timer);
		client.off('ready', onReady);
	};
}

export async function startWorkers(options: StartOptions = {}): Promise<Workers> {
	checkRegistry();
	const names = options.queues ?? QUEUE_NAMES;
	const timeZone = await scheduleTimeZone();
	await restoreSchedules(names, timeZone);
	const workers = names.map((queue) =>
		createWorker(queue, options.concurrency?.[queue] ?? QUEUES[queue].concurrency, options)
	);
	const stopRestoring = restoreOnReconnect(names, timeZone);
	const stopDrainer = options.outbox === false ? null : startOutboxDrainer();
	const close = async () => {
		stopRestoring();
		await stopDrainer?.();
		await Promise.all(workers.map((worker) => worker.close()));
	};
	try {
		await Promise.all(workers.map((worker) => worker.waitUntilReady()));
	} catch (err) {
		await close();
		throw err;
	}
	logger.info({ queues: names, prefix: queuePrefix() }, 'worker ready');
	return { close };
}

// Orchestrators usually wait 30 s before SIGKILL; a job still running by then is left to another
// worker's stalled-job check.
const SHUTDOWN_GRACE_MS = 30_000;
// Ctrl-C reaches npm, tsx and this process at once, and npm and tsx pass it on: copies arriving
// this soon after the first are the same request. A signal after that means "stop now".
const REPEAT_WINDOW_MS = 1_000;

function main(): void {
	installProcessGuards('worker');
	assertProductionSecrets();
	onShutdown('database', closeDb);
	onShutdown('redis', closeRedis);
	const started = startWorkers();
	let stoppingSince = 0;

	const stop = async (signal: NodeJS.Signals) => {
		if (stoppingSince) {
			if (Date.now() - stoppingSince < REPEAT_WINDOW_MS) return;
			logger.error({ signal }, 'second signal while stopping; forcing exit');
			process.exit(1);
		}
		stoppingSince = Date.now();
		logger.info({ signal }, 'shutting down: finishing active jobs');
		const force = setTimeout(() => {
			logger.error(`still busy after ${SHUTDOWN_GRACE_MS} ms; forcing exit`);
			process.exit(1);
		}, SHUTDOWN_GRACE_MS);
		force.unref();
		try {
			await (await started).close();
			const failed = await runShutdown();
			if (failed.length > 0) logger.warn({ failed }, 'some connections did not close cleanly');
			logger.info('stopped');
			process.exit(0);
		} catch (err) {
			logger.error({ err }, 'shutdown failed');
			process.exit(1);
		}
	};
	process.on('SIGTERM', (signal) => void stop(signal));
	process.on('SIGINT', (signal) => void stop(signal));

	started.catch((err: unknown) => {
		logger.fatal({ err }, err instanceof Error ? err.message : 'worker failed to start');
		process.exit(1);
	});
}

function isEntry(): boolean {
	const script = process.argv[1];
	if (!script) return false;
	try {
		return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
	} catch {
		return false;
	}
}

// Imported (by tests), this module only defines startWorkers; run, it is the worker process.
if (isEntry()) main();
