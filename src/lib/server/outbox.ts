/**
 * The transactional outbox: what must reach Redis (live events, jobs to queue) is first written to
 * PostgreSQL in the transaction that makes the change, so a rollback sends nothing and a commit
 * loses nothing, whatever Redis is doing. (Not to be confused with mail/outbox.ts, the folder
 * where mail is kept when no SMTP server is configured.)
 *
 * - In a transaction, `send()` collects the items and writes them in one INSERT just before the
 *   commit (db/index.ts beforeCommit); after the commit it delivers them at once (the request
 *   waits a few milliseconds for that, as it used to wait for the emit) and, for events, deletes
 *   the rows. While Redis is away nothing is tried: the rows wait for the drainer.
 * - Outside a transaction an event is sent at once and written to the outbox only if that fails;
 *   a job always gets its row (its own short transaction), so it is as safe as any other.
 * - Every web process and worker runs the drainer (startOutboxDrainer): rows older than a moment
 *   (the committing process normally sends its own) are taken with FOR UPDATE SKIP LOCKED in
 *   commit order, so two processes never send the same row, and sent in that order.
 *
 * Guarantees. Events are at least once: a process that dies between publishing and deleting the
 * row publishes it again from the drainer (the browser treats every event as "reload this", so a
 * repeat is harmless). Jobs are exactly once: a job row is kept, marked queued, until a worker has
 * finished the job (acknowledgeJob, from the worker), because a Redis that restarts with nothing
 * on disk forgets queued jobs as well as schedules. The job id is the row's (`outbox-<id>`), so
 * queueing a row twice adds one job; a deduplicated job (a participant's budget recompute) keeps
 * its deduplication id and is acknowledged for every row queued before it started, since it
 * recomputes from everything committed by then. Queued rows are re-checked after a reconnect and
 * every minute: a job Redis no longer knows is queued again.
 */
import { randomUUID } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Job } from 'bullmq';
import type { EnqueueOptions } from '../../jobs/registry';
import { beforeCommit, db, tx } from './db';
import { currentTransaction, runAs, SYSTEM } from './db/context';
import { logger } from './logger';
import { isRedisOutage, redis, redisIsDown } from './redis';

export type OutboxItem =
	| { kind: 'event'; name: string; rooms: string[]; payload: unknown }
	| { kind: 'job'; name: string; payload: unknown; options?: EnqueueOptions };

type Staged = {
	id: string;
	kind: 'event' | 'job';
	name: string;
	rooms: string[] | null;
	payload: unknown;
	options: EnqueueOptions | null;
	job_key: string | null;
};

type Row = Staged & { attempts: number };

/** A row sent this many times without success (not for Redis being away) is given up, loudly. */
const MAX_ATTEMPTS = 5;
/** Rows this young are left to the process that committed them, which is sending them now. */
const GRACE_MS = 2_000;
/** One Redis call that takes longer than this counts as Redis being away. */
const SEND_TIMEOUT_MS = 5_000;
const BATCH = 200;
/** Queued job rows older than this are checked against Redis (normally they are gone by then). */
const RECHECK_AFTER_S = 60;

function stageItem(item: OutboxItem): Staged {
	const id = randomUUID();
	if (item.kind === 'event') {
		return {
			id,
			kind: 'event',
			name: item.name,
			rooms: item.rooms,
			payload: item.payload ?? null,
			options: null,
			job_key: null
		};
	}
	const options: EnqueueOptions = { ...item.options };
	// The row's id is the job's, so queueing the row twice (a crash between adding and marking
	// it queued) adds one job. A deduplicated job keeps its own key; so does a caller's jobId.
	if (!options.deduplication && !options.jobId) options.jobId = `outbox-${id}`;
	return {
		id,
		kind: 'job',
		name: item.name,
		rooms: null,
		payload: item.payload ?? {},
		options,
		job_key: options.deduplication?.id ?? options.jobId ?? null
	};
}

const staged = new WeakMap<Transaction, Staged[]>();

/**
 * Sends an event or queues a job reliably (see the top of this file). Never throws and never
 * rejects: inside a transaction it only collects; outside one it reports failures to the log.
 */
export function send(item: OutboxItem): Promise<void> {
	const row = stageItem(item);
	const open = currentTransaction();
	if (open) {
		let rows = staged.get(open);
		if (!rows) {
			const list: Staged[] = [];
			rows = list;
			staged.set(open, list);
			beforeCommit(open, () => writeRows(list));
			open.afterCommit(() => deliverCommitted(list));
		}
		rows.push(row);
		return Promise.resolve();
	}
	return sendOutsideTransaction(row).catch((err: unknown) => {
		logger.error({ err, kind: row.kind, name: row.name }, 'could not send or keep an outbox item');
	});
}

async function sendOutsideTransaction(row: Staged): Promise<void> {
	if (row.kind === 'event' && !redisIsDown()) {
		try {
			await withTimeout(deliverOne(row));
			return;
		} catch (err) {
			logger.warn({ err, event: row.name }, 'publishing failed; kept in the outbox');
		}
		await runAs(SYSTEM, () => tx(() => writeRows([row])));
		wakeDrainer();
		return;
	}
	// A job always gets its row, so it is acknowledged and re-queued like any other.
	const rows = [row];
	await tx(() => writeRows(rows));
	await deliverCommitted(rows);
}

async function writeRows(rows: Staged[]): Promise<void> {
	for (let i = 0; i < rows.length; i += 1000) {
		// No RETURNING: the read policy lets only the 'system' actor see rows (the id is ours).
		await db().query(
			`INSERT INTO outbox (id, kind, name, rooms, payload, options, job_key)
			SELECT id, kind, name, rooms, payload, options, job_key
			FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kind text, name text, rooms text[],
				payload jsonb, options jsonb, job_key text)`,
			{ bind: [JSON.stringify(rows.slice(i, i + 1000))] }
		);
	}
}

/** After a commit: send what it wrote, now, unless Redis is known to be away. Never throws. */
async function deliverCommitted(rows: Staged[]): Promise<void> {
	if (rows.length === 0) return;
	if (redisIsDown()) {
		wakeDrainer();
		return;
	}
	try {
		const ids = rows.map((row) => row.id);
		for (let i = 0; i < ids.length; i += BATCH) {
			const result = await deliverBatch(ids.slice(i, i + BATCH));
			if (result.outage) {
				wakeDrainer();
				return;
			}
		}
	} catch (err) {
		logger.error({ err }, 'sending committed outbox rows failed; the drainer will retry');
		wakeDrainer();
	}
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	promise.catch(() => undefined); // may still fail after the timeout: never unhandled
	return Promise.race([
		promise,
		new Promise<never>((_, reject) => {
			timer = setTimeout(
				() => reject(new Error(`Command timed out after ${SEND_TIMEOUT_MS} ms`)),
				SEND_TIMEOUT_MS
			);
		})
	]).finally(() => clearTimeout(timer));
}

// Imported when first needed: the registry imports every job, which import the services, which
// import this module; and the emitter lives with the rooms in realtime/publish.ts.
async function deliverOne(row: Staged): Promise<void> {
	if (row.kind === 'event') {
		const { emitNow } = await import('./realtime/publish');
		await emitNow(row.rooms ?? [], row.name, row.payload);
		return;
	}
	const { enqueueJob } = await import('../../jobs/registry');
	await enqueueJob(row.name, row.payload, row.options ?? {});
}

type BatchResult = { taken: number; sent: number; outage: boolean };

/**
 * Sends unsent rows in commit order: those given (just committed by this process), or else the
 * oldest ones past the grace period. Stops at the first sign of Redis being away, keeping the
 * rest for later; a row that fails for another reason is retried up to MAX_ATTEMPTS times.
 */
async function deliverBatch(
	ids?: string[],
	limit = BATCH,
	graceMs = GRACE_MS
): Promise<BatchResult> {
	return runAs(SYSTEM, () =>
		tx(async (t) => {
			const rows = await db().query<Row>(
				`SELECT id, kind, name, rooms, payload, options, job_key, attempts FROM outbox
				WHERE queued_at IS NULL AND ${ids ? 'id = ANY($1::uuid[])' : `created_at < clock_timestamp() - $1::interval`}
				ORDER BY seq LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
				{
					bind: [ids ?? `${graceMs} milliseconds`],
					type: QueryTypes.SELECT,
					transaction: t
				}
			);
			const sent: string[] = [];
			const queued: string[] = [];
			let outage = false;
			for (const row of rows) {
				try {
					await withTimeout(deliverOne(row));
					(row.kind === 'event' ? sent : queued).push(row.id);
				} catch (err) {
					if (isRedisOutage(err) || redisIsDown()) {
						outage = true;
						break;
					}
					await failed(row, err);
				}
			}
			if (sent.length > 0) {
				await db().query(`DELETE FROM outbox WHERE id = ANY($1::uuid[])`, {
					bind: [sent],
					transaction: t
				});
			}
			if (queued.length > 0) {
				// now() is this transaction's start, before the jobs were added: a job that started
				// after it may acknowledge the row (see acknowledgeJob).
				await db().query(`UPDATE outbox SET queued_at = now() WHERE id = ANY($1::uuid[])`, {
					bind: [queued],
					transaction: t
				});
			}
			return { taken: rows.length, sent: sent.length + queued.length, outage };
		})
	);
}

/** A row that Redis refused for a reason of its own (an unknown job, a bad option). */
async function failed(row: Row, err: unknown): Promise<void> {
	const message = err instanceof Error ? err.message : String(err);
	if (row.attempts + 1 >= MAX_ATTEMPTS) {
		logger.error(
			{ err, id: row.id, kind: row.kind, name: row.name, payload: row.payload },
			`outbox row failed ${MAX_ATTEMPTS} times; giving it up`
		);
		await db().query(`DELETE FROM outbox WHERE id = $1`, { bind: [row.id] });
		return;
	}
	logger.warn({ err, id: row.id, kind: row.kind, name: row.name }, 'outbox row failed; will retry');
	await db().query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, {
		bind: [row.id, message.slice(0, 1000)]
	});
}

/**
 * Queued job rows not acknowledged for a while (or all of them after a reconnect, when Redis may
 * have restarted empty): a job Redis still holds is left alone, a finished one's row is removed,
 * and one Redis has forgotten is queued again (the same job id, so never twice).
 */
async function recheckQueued(checkedBefore: Date): Promise<BatchResult> {
	const { queueFor, findJob } = await import('../../jobs/registry');
	return runAs(SYSTEM, () =>
		tx(async (t) => {
			// checked_at, not queued_at, records the check: queued_at must stay the time the job was
			// handed to Redis, which acknowledgeJob compares with the job's start.
			const rows = await db().query<Row>(
				`SELECT id, kind, name, rooms, payload, options, job_key, attempts FROM outbox
				WHERE queued_at IS NOT NULL AND coalesce(checked_at, queued_at) < $1
				ORDER BY seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
				{ bind: [checkedBefore], type: QueryTypes.SELECT, transaction: t }
			);
			let requeued = 0;
			let outage = false;
			for (const row of rows) {
				const definition = findJob(row.name);
				if (!definition || !row.job_key) {
					await failed({ ...row, attempts: MAX_ATTEMPTS }, new Error('unknown job'));
					continue;
				}
				try {
					const queue = queueFor(definition.queue);
					let state: 'pending' | 'finished' | 'missing';
					if (row.options?.deduplication) {
						// The key is held from adding until the job finishes.
						const holder = await withTimeout(queue.getDeduplicationJobId(row.job_key));
						state = holder ? 'pending' : 'missing';
					} else {
						const job = await withTimeout(queue.getJob(row.job_key));
						const jobState = job ? await withTimeout(job.getState()) : 'unknown';
						state =
							jobState === 'unknown'
								? 'missing'
								: jobState === 'completed' || jobState === 'failed'
									? 'finished'
									: 'pending';
					}
					if (state === 'finished') {
						await db().query(`DELETE FROM outbox WHERE id = $1`, { bind: [row.id] });
					} else if (state === 'pending') {
						await db().query(`UPDATE outbox SET checked_at = now() WHERE id = $1`, {
							bind: [row.id]
						});
					} else if (row.attempts + 1 >= MAX_ATTEMPTS) {
						await failed(row, new Error('the job kept disappearing from Redis'));
					} else {
						await withTimeout(deliverOne(row));
						requeued += 1;
						await db().query(
							`UPDATE outbox SET queued_at = now(), checked_at = now(), attempts = attempts + 1
							WHERE id = $1`,
							{ bind: [row.id] }
						);
						logger.warn({ id: row.id, job: row.name }, 'job lost by Redis queued again');
					}
				} catch (err) {
					if (isRedisOutage(err) || redisIsDown()) {
						outage = true;
						break;
					}
					await failed(row, err);
				}
			}
			return { taken: rows.length, sent: requeued, outage };
		})
	);
}

/**
 * Called by the worker when a job has finished (done, or failed for good): removes the rows it
 * served. For a deduplicated job, every row with its key queued before it started (in the
 * database's clock, `startedAt`): their changes were committed before it read anything.
 */
export async function acknowledgeJob(job: Job, startedAt: Date): Promise<void> {
	const key = job.deduplicationId ?? job.id;
	if (!key || job.repeatJobKey) return; // scheduled runs come from no row
	await runAs(SYSTEM, () =>
		tx(() =>
			db().query(`DELETE FROM outbox WHERE kind = 'job' AND job_key = $1 AND queued_at <= $2`, {
				bind: [key, startedAt]
			})
		)
	);
}

/** The database's clock, for acknowledgeJob (the worker's may differ). */
export async function databaseNow(): Promise<Date> {
	const [row] = await db().query<{ now: Date }>(`SELECT clock_timestamp() AS now`, {
		type: QueryTypes.SELECT
	});
	return row!.now;
}

// The drainer. One per process; woken early when a send fails or Redis comes back.
const IDLE_MS = 5_000;
const BUSY_MS = 1_000;
const MAX_BACKOFF_MS = 10_000;

let drainer:
	{ timer: NodeJS.Timeout | null; running: Promise<void> | null; stopped: boolean } | undefined;
let wakeSoon: (() => void) | undefined;

function wakeDrainer(): void {
	wakeSoon?.();
}

/** Rows waiting to be sent or acknowledged (tests and /metrics). */
export async function outboxBacklog(): Promise<{ unsent: number; queued: number }> {
	const [row] = await runAs(SYSTEM, () =>
		tx(() =>
			db().query<{ unsent: number; queued: number }>(
				`SELECT count(*) FILTER (WHERE queued_at IS NULL)::int AS unsent,
					count(*) FILTER (WHERE queued_at IS NOT NULL)::int AS queued FROM outbox`,
				{ type: QueryTypes.SELECT }
			)
		)
	);
	return row ?? { unsent: 0, queued: 0 };
}

/**
 * One pass: everything unsent (in batches), then the queued rows due for a check. Returns how
 * long to wait before the next pass.
 */
type DrainState = { recheckAll: boolean; lastRecheck: number; backoff: number; sent: number };

async function drainOnce(state: DrainState, graceMs = GRACE_MS): Promise<number> {
	if (redisIsDown()) {
		state.backoff = Math.min(Math.max(state.backoff * 2, BUSY_MS), MAX_BACKOFF_MS);
		return state.backoff;
	}
	let sent = 0;
	for (;;) {
		const result = await deliverBatch(undefined, BATCH, graceMs);
		state.sent += result.sent;
		sent += result.sent;
		if (result.outage) {
			state.backoff = Math.min(Math.max(state.backoff * 2, BUSY_MS), MAX_BACKOFF_MS);
			return state.backoff;
		}
		if (result.taken < BATCH) break;
	}
	if (state.recheckAll || Date.now() - state.lastRecheck > RECHECK_AFTER_S * 1000) {
		// Every queued row once per pass: those last checked before the pass began (or a minute
		// before it, on an ordinary pass), in the database's clock.
		const now = await databaseNow();
		const before = state.recheckAll ? now : new Date(now.getTime() - RECHECK_AFTER_S * 1000);
		for (;;) {
			const result = await recheckQueued(before);
			state.sent += result.sent;
			if (result.outage) {
				state.backoff = Math.min(Math.max(state.backoff * 2, BUSY_MS), MAX_BACKOFF_MS);
				return state.backoff;
			}
			if (result.taken < BATCH) break;
		}
		state.recheckAll = false;
		state.lastRecheck = Date.now();
	}
	state.backoff = 0;
	if (sent > 0) logger.info({ sent }, 'outbox: sent what was waiting');
	return sent > 0 ? BUSY_MS : IDLE_MS;
}

/**
 * Starts this process's drainer (web processes: hooks.server.ts; workers: worker.ts). Returns a
 * function that stops it and waits for a pass in progress.
 */
export function startOutboxDrainer(): () => Promise<void> {
	if (drainer) return stopOutboxDrainer;
	const current = {
		timer: null as NodeJS.Timeout | null,
		running: null as Promise<void> | null,
		stopped: false
	};
	drainer = current;
	// A reconnect may follow a Redis restart that lost every queued job: check them all.
	const state: DrainState = { recheckAll: true, lastRecheck: 0, backoff: 0, sent: 0 };
	const schedule = (ms: number) => {
		if (current.stopped) return;
		if (current.timer) clearTimeout(current.timer);
		current.timer = setTimeout(run, ms);
		current.timer.unref();
	};
	const run = () => {
		current.timer = null;
		if (current.running || current.stopped) return;
		current.running = drainOnce(state)
			.catch((err: unknown) => {
				// The database itself may be away: try again later, never crash.
				logger.error({ err }, 'outbox drainer pass failed');
				return MAX_BACKOFF_MS;
			})
			.then((next) => {
				current.running = null;
				schedule(next);
			});
	};
	wakeSoon = () => {
		if (!current.running) schedule(50);
	};
	const onReady = () => {
		state.recheckAll = true;
		state.backoff = 0;
		wakeSoon?.();
	};
	redis().on('ready', onReady);
	stopFns.push(async () => {
		current.stopped = true;
		redis().off('ready', onReady);
		if (current.timer) clearTimeout(current.timer);
		await current.running;
	});
	schedule(0);
	return stopOutboxDrainer;
}

const stopFns: (() => Promise<void>)[] = [];

export async function stopOutboxDrainer(): Promise<void> {
	const fns = stopFns.splice(0);
	drainer = undefined;
	wakeSoon = undefined;
	for (const fn of fns) await fn();
}

/**
 * One pass now (tests): sends every unsent row, however young, and re-checks every queued one.
 * Returns how many rows it sent or queued again.
 */
export async function drainOutboxNow(): Promise<number> {
	const state: DrainState = { recheckAll: true, lastRecheck: 0, backoff: 0, sent: 0 };
	await drainOnce(state, 0);
	return state.sent;
}

/**
 * Asks for a registered job through the outbox: with the caller's transaction (queued once it
 * commits), or in a short one of its own. Never throws.
 */
export function requestJob(name: string, data: unknown = {}, options: EnqueueOptions = {}): void {
	void send({ kind: 'job', name, payload: data, options });
}
