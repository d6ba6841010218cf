/**
 * The production entry as an operator runs it: `tsx realtime/server.ts` over the built app,
 * against the test database. Builds are slow, so an existing build/ is reused.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../src/lib/server/config';

// The test database as configured (DATABASE_URL_TEST), which production mode would not read.
const TEST_DATABASE_URL = config.databaseUrl;
const running = new Set<ChildProcess>();

type Started = { child: ChildProcess; base: string; port: number; output: () => string };

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

function portIsClosed(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = createConnection({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(true));
	});
}

async function startServer(env: Record<string, string> = {}): Promise<Started> {
	const port = await freePort();
	const child = spawn('node_modules/.bin/tsx', ['realtime/server.ts'], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: String(port),
			DATABASE_URL: TEST_DATABASE_URL,
			ENCRYPTION_KEY: randomBytes(32).toString('base64'),
			LOG_LEVEL: 'info',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	running.add(child);
	child.once('exit', () => running.delete(child));
	let log = '';
	child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
	const base = `http://127.0.0.1:${port}`;
	const started = { child, base, port, output: () => log };
	for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
		if (child.exitCode !== null) break;
		const ok = await fetch(`${base}/healthz`).then(
			(res) => res.ok,
			() => false
		);
		if (ok) return started;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	child.kill('SIGKILL');
	throw new Error(`server did not become healthy:\n${log}`);
}

function exitAfterSigterm(child: ChildProcess): Promise<number | null> {
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	child.kill('SIGTERM');
	const timeout = new Promise<never>((_, reject) =>
		setTimeout(() => reject(new Error('no exit within 10 s of SIGTERM')), 10_000)
	);
	return Promise.race([exited, timeout]);
}

beforeAll(() => {
	if (!existsSync('build/handler.js')) {
		execSync('npm run build', { stdio: 'inherit', timeout: 5 * 60_000 });
	}
});

afterAll(() => {
	for (const child of running) child.kill('SIGKILL');
});

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
