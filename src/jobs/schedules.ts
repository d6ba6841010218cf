/**
 * Schedules, and what happens when Redis forgets them. BullMQ keeps job schedulers in Redis only,
 * so a Redis restart with nothing on disk removes them all; the worker therefore re-creates them
 * whenever its connection becomes ready again (not only at start), and, because a restart or an
 * outage may also have swallowed a nightly run, queues one run of every scheduled job whose last
 * full run (recorded in PostgreSQL, job_runs, which survives) is older than its latest due time.
 */
import { getNextMillis, type Job } from 'bullmq';
import { QueryTypes } from 'sequelize';
import { db, tx } from '../lib/server/db';
import { runAs, SYSTEM } from '../lib/server/db/context';
import { logger } from '../lib/server/logger';
import {
	JOBS,
	enqueueJob,
	findJob,
	jobOptions,
	queueFor,
	type JobSchedule,
	type QueueName
} from './registry';

/**
 * Makes the queue's schedulers match the registry. Upserting is idempotent, so several workers
 * (and several reconnects) agree; a scheduler whose job is no longer scheduled is removed.
 */
export async function syncSchedules(queue: QueueName, timeZone: string): Promise<void> {
	const scheduled = JOBS.filter((job) => job.queue === queue && job.schedule);
	const target = queueFor(queue);
	for (const job of scheduled) {
		const { pattern, every, tz } = job.schedule ?? {};
		const repeat = pattern ? { pattern, tz: tz ?? timeZone } : { every };
		await target.upsertJobScheduler(job.name, repeat, {
			name: job.name,
			data: {},
			opts: jobOptions(job)
		});
	}
	const wanted = new Set<string>(scheduled.map((job) => job.name));
	for (const existing of await target.getJobSchedulers()) {
		if (wanted.has(existing.key)) continue;
		await target.removeJobScheduler(existing.key);
		logger.info({ queue, scheduler: existing.key }, 'removed a schedule no longer defined');
	}
}

/**
 * When a cron schedule last fell due at or before `now` (null for `every` schedules, whose next
 * run is never more than one interval away, and for a pattern that never fires). Found with
 * BullMQ's own "next time" so it agrees with the scheduler: step back until a due time falls
 * before now, then walk forward to the last one.
 */
export function lastDueTime(
	schedule: JobSchedule,
	timeZone: string,
	now = new Date()
): Date | null {
	if (!schedule.pattern) return null;
	const opts = { pattern: schedule.pattern, tz: schedule.tz ?? timeZone };
	const at = now.getTime();
	let due: number | undefined;
	for (let span = 3_600_000; span <= 800 * 86_400_000 && due === undefined; span *= 2) {
		const next = getNextMillis(at - span, opts);
		if (next !== undefined && next <= at) due = next;
	}
	if (due === undefined) return null;
	for (;;) {
		const next = getNextMillis(due, opts);
		if (next === undefined || next > at || next <= due) return new Date(due);
		due = next;
	}
}

/** A full run (no data: scheduled, run now, caught up) of a scheduled job has finished. */
export async function recordFullRun(job: Job): Promise<void> {
	const definition = findJob(job.name);
	if (!definition?.schedule) return;
	if (job.data && typeof job.data === 'object' && Object.keys(job.data).length > 0) return;
	await runAs(SYSTEM, () =>
		tx(() =>
			db().query(
				`INSERT INTO job_runs (job_name, last_succeeded_at) VALUES ($1, now())
				ON CONFLICT (job_name) DO UPDATE SET last_succeeded_at = EXCLUDED.last_succeeded_at`,
				{ bind: [job.name] }
			)
		)
	);
}

type RunRow = { job_name: string; tracked_since: Date; last_succeeded_at: Date | null };

/**
 * Queues one run of each scheduled job on `queues` whose latest due time passed without a full
 * run finishing since (a job never seen before starts being tracked now, so a new install does
 * not run everything at once). A run of that job already waiting or running is enough.
 * Returns the names queued.
 */
export async function catchUpMissedRuns(
	queues: readonly QueueName[],
	timeZone: string,
	now = new Date()
): Promise<string[]> {
	const scheduled = JOBS.filter((job) => queues.includes(job.queue) && job.schedule?.pattern);
	const rows = await runAs(SYSTEM, () =>
		tx(async () => {
			await db().query(
				`INSERT INTO job_runs (job_name) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`,
				{ bind: [scheduled.map((job) => job.name)] }
			);
			return db().query<RunRow>(`SELECT job_name, tracked_since, last_succeeded_at FROM job_runs`, {
				type: QueryTypes.SELECT
			});
		})
	);
	const known = new Map(rows.map((row) => [row.job_name, row]));
	const queued: string[] = [];
	for (const job of scheduled) {
		const row = known.get(job.name);
		const due = lastDueTime(job.schedule!, timeZone, now);
		if (!row || !due) continue;
		const since = row.last_succeeded_at ?? row.tracked_since;
		if (since >= due) continue;
		const pending = await queueFor(job.queue).getJobs(
			['active', 'waiting', 'prioritized', 'delayed'],
			0,
			500
		);
		if (pending.some((p) => p.name === job.name && Object.keys(p.data ?? {}).length === 0)) {
			continue;
		}
		// One catch-up at a time per job, however many workers reconnect together.
		await enqueueJob(job.name, {}, { deduplication: { id: `catch-up:${job.name}` } });
		queued.push(job.name);
		logger.warn(
			{ job: job.name, due: due.toISOString(), lastRun: since.toISOString() },
			'a scheduled run was missed; running it now'
		);
	}
	return queued;
}
