/**
 * The production entry as an operator runs it: `tsx realtime/server.ts` over the built app,
 * against the test database. Builds are slow, so an existing build/ is reused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	ensureBuild,
	exitAfterSigterm,
	killAll,
	portIsClosed,
	startServer
} from '../tests/server-process';

beforeAll(ensureBuild);
afterAll(killAll);

describe('production server', () => {
	it('serves health and readiness, then stops cleanly on SIGTERM', async () => {
		const server = await startServer();

		const health = await fetch(`${server.base}/healthz`);
		expect(health.status).toBe(200);
		expect(await health.json()).toEqual({ status: 'ok' });

		const ready = await fetch(`${server.base}/readyz`);
		expect(ready.status, server.output()).toBe(200);
		expect(await ready.json()).toEqual({
			status: 'ok',
			checks: { database: 'ok', redis: 'ok' }
		});

		expect(await exitAfterSigterm(server.child), server.output()).toBe(0);
		expect(await portIsClosed(server.port)).toBe(true);
	});

	it('reports Redis as the failed check when Redis is unreachable', async () => {
		const server = await startServer({ REDIS_URL: 'redis://127.0.0.1:1' });

		const ready = await fetch(`${server.base}/readyz`);
		expect(ready.status).toBe(503);
		const body = await ready.text();
		expect(JSON.parse(body)).toEqual({
			status: 'unavailable',
			checks: { database: 'ok', redis: 'failed' }
		});
		expect(body).not.toMatch(/ECONNREFUSED|at .+:\d+:\d+/);

		// Shutdown must not hang on a Redis connection that never came up.
		expect(await exitAfterSigterm(server.child), server.output()).toBe(0);
	});
});
