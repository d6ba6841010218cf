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

export function redis(): Redis {
	shared ??= createRedis('ndis-app');
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
	await closeConnection(current);
}
