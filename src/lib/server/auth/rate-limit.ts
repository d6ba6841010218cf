/**
 * Fixed-window request counters in Redis, shared by every web process. Used where there is no
 * table of attempts to count from (password reset requests for addresses that have no account).
 */
import { config } from '../config';
import { redis, withRedis } from '../redis';

export type Limit = { key: string; max: number; windowSeconds: number };

/** Under the install's prefix, so two installs on one Redis count apart (config REDIS_PREFIX). */
const counterKey = (key: string) => `${config.redisPrefix}:rate:${key}`;

/**
 * Counts one request against the limit and answers whether it is within it. The window starts at
 * the first request and is not extended by later ones, so a refused client is not kept out forever.
 */
export async function consume(limit: Limit): Promise<boolean> {
	const key = counterKey(limit.key);
	// Fails fast (503, try again) while Redis is away rather than hanging the form.
	const results = await withRedis(() =>
		redis().multi().incr(key).expire(key, limit.windowSeconds, 'NX').exec()
	);
	const count = results?.[0]?.[1];
	return typeof count === 'number' && count <= limit.max;
}

/** Whether the limit is used up, without counting this question against it. */
export async function exhausted(limit: Limit): Promise<boolean> {
	const count = Number((await withRedis(() => redis().get(counterKey(limit.key)))) ?? 0);
	return count >= limit.max;
}

/** Forgets a counter (tests and the end-to-end setup, so reruns start clean). */
export async function resetLimit(key: string): Promise<void> {
	await redis().del(counterKey(key));
}
