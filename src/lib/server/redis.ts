/**
 * Redis connections. `redis()` is the process's shared command connection, opened on first use;
 * `createRedis()` opens a dedicated one for what cannot share (pub/sub, blocking BullMQ commands).
 */
import { Redis, type RedisOptions } from 'ioredis';
import { config } from './config';
import { logger } from './logger';

const baseOptions: RedisOptions = {
	// Keep reconnecting for as long as the process lives, backing off to one attempt every 5 s, so
	// a Redis restart heals by itself without hammering the server.
	retryStrategy: (attempt) => Math.min(attempt * 250, 5_000),
	connectTimeout: 5_000,
	// A command fails after a few reconnect attempts rather than hanging a web request.
	maxRetriesPerRequest: 3
};

export function createRedis(name: string, overrides: RedisOptions = {}): Redis {
	const client = new Redis(config.redisUrl, { ...baseOptions, connectionName: name, ...overrides });
	// Without a listener ioredis prints every failed reconnect; log each distinct failure once.
	let lastError = '';
	client.on('error', (err: Error) => {
		if (err.message === lastError) return;
		lastError = err.message;
		logger.warn({ err, redis: name }, 'Redis connection error');
	});
	client.on('ready', () => {
		if (lastError) logger.info({ redis: name }, 'Redis connection restored');
		lastError = '';
	});
	return client;
}

let shared: Redis | undefined;
let sharedWasReady = false;

export function redis(): Redis {
	if (!shared) {
		const client = createRedis('ndis-app');
		client.once('ready', () => {
			if (shared === client) sharedWasReady = true;
		});
		shared = client;
	}
	return shared;
}

/** Closes a connection politely when it is up, and at once when it is not (QUIT would wait). */
export async function closeConnection(client: Redis): Promise<void> {
	if (client.status === 'ready') {
		try {
			await client.quit();
			return;
		} catch {
			// Fall through: the connection dropped while quitting.
		}
	}
	client.disconnect();
}

export async function closeRedis(): Promise<void> {
	if (!shared) return;
	const current = shared;
	shared = undefined;
	sharedWasReady = false;
	await closeConnection(current);
}

/** Redis is away: a request that needs it answers 503 "try again in a moment" (hooks.server.ts). */
export class RedisUnavailableError extends Error {
	constructor(message = 'Redis is not reachable') {
		super(message);
		this.name = 'RedisUnavailableError';
	}
}

/** Errors that mean "Redis is away", not "this command is wrong": worth waiting out, never a 500. */
export function isRedisOutage(err: unknown): boolean {
	if (!(err instanceof Error)) return false;
	if (err instanceof RedisUnavailableError || err.name === 'MaxRetriesPerRequestError') return true;
	const code = (err as NodeJS.ErrnoException).code;
	if (code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code)) {
		return true;
	}
	return /Connection is closed|Stream isn't writeable|Command timed out|Socket closed unexpectedly/i.test(
		err.message
	);
}

/** Whether the shared connection is up right now. */
export function redisIsReady(): boolean {
	return redis().status === 'ready';
}

/**
 * Whether Redis is known to be away: the shared connection was up and is not now, or has failed
 * to connect. A connection still making its first attempt is not "down": a command waits for it.
 */
export function redisIsDown(): boolean {
	const status = redis().status;
	if (status === 'ready') return false;
	return sharedWasReady || !['wait', 'connecting', 'connect'].includes(status);
}

/**
 * Runs `fn` against Redis on a request's path, failing fast with RedisUnavailableError instead of
 * hanging the request while Redis is away: at once when the shared connection is known to be down
 * (a just-started process gets a moment to connect), and after `timeoutMs` when a command hangs.
 */
export async function withRedis<T>(fn: () => Promise<T>, timeoutMs = 3_000): Promise<T> {
	const client = redis();
	if (client.status !== 'ready') {
		// 'reconnecting' means it was up and went away: no point waiting on a request's time.
		const firstConnect = ['wait', 'connecting', 'connect'].includes(client.status);
		if (!firstConnect || !(await readyWithin(client, 1_000))) throw new RedisUnavailableError();
	}
	let timer: NodeJS.Timeout | undefined;
	const running = fn();
	// The command may still fail after we have given up on it: that must not go unhandled.
	running.catch(() => undefined);
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new RedisUnavailableError(`Redis did not answer within ${timeoutMs} ms`)),
			timeoutMs
		);
	});
	try {
		return await Promise.race([running, timeout]);
	} catch (err) {
		throw isRedisOutage(err) ? new RedisUnavailableError((err as Error).message) : err;
	} finally {
		clearTimeout(timer);
	}
}

function readyWithin(client: Redis, ms: number): Promise<boolean> {
	return new Promise((resolve) => {
		const done = (ok: boolean) => {
			clearTimeout(timer);
			client.off('ready', onReady);
			resolve(ok);
		};
		const onReady = () => done(true);
		const timer = setTimeout(() => done(client.status === 'ready'), ms);
		client.once('ready', onReady);
	});
}
