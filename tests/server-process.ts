/**
 * The production server as a child process (`tsx realtime/server.ts` over build/), on a free
 * port against the test database, for tests that need one or several real web processes.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { config } from '../src/lib/server/config';

// Vitest runs with NODE_ENV=test, so this is the test database (DATABASE_URL_TEST).
const TEST_DATABASE_URL = config.databaseUrl;
const running = new Set<ChildProcess>();

/** Builds once when build/ is missing (a fresh clone running only the integration tests). */
export function ensureBuild(): void {
	if (!existsSync('build/handler.js')) {
		execSync('npm run build', { stdio: 'inherit', timeout: 5 * 60_000 });
	}
}

/**
 * tsx runs the server in a child process of its own, which a SIGKILL to tsx would leave running
 * (holding its port, database connections and Redis subscriptions); so each server is started in
 * a process group of its own, and the whole group is killed.
 */
function killGroup(child: ChildProcess): void {
	try {
		if (child.pid) process.kill(-child.pid, 'SIGKILL');
	} catch {
		child.kill('SIGKILL'); // the group is already gone
	}
}

export function killAll(): void {
	for (const child of running) killGroup(child);
}

export type Started = { child: ChildProcess; base: string; port: number; output: () => string };

export function freePort(): Promise<number> {
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

export function portIsClosed(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = createConnection({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(true));
	});
}

export async function startServer(env: Record<string, string> = {}): Promise<Started> {
	const port = await freePort();
	// One process (node with tsx's loader), not the tsx CLI, which runs the server as a child of
	// its own: killing the CLI would leave that child running, holding a port and connections.
	const child = spawn(process.execPath, ['--import', 'tsx', 'realtime/server.ts'], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: String(port),
			DATABASE_URL: TEST_DATABASE_URL,
			DATABASE_OWNER_URL: config.databaseOwnerUrl,
			ENCRYPTION_KEY: randomBytes(32).toString('base64'),
			LOG_LEVEL: 'info',
			// The tests' Redis prefix (production's default is the real install's 'ndis'), so the
			// server hears what the test process publishes and its queues are the tests' own.
			REDIS_PREFIX: config.redisPrefix,
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true
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
	killGroup(child);
	throw new Error(`server did not become healthy:\n${log}`);
}

export function exitAfterSigterm(child: ChildProcess): Promise<number | null> {
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	child.kill('SIGTERM');
	const timeout = new Promise<never>((_, reject) =>
		setTimeout(() => reject(new Error('no exit within 10 s of SIGTERM')), 10_000)
	);
	return Promise.race([exited, timeout]);
}
