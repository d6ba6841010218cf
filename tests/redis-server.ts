/**
 * A Redis server of a test's own (the installed redis-server binary), on a port of its own and
 * keeping nothing on disk, so a test can stop it and start it again empty, as a production Redis
 * without persistence comes back after a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';

export type TestRedis = {
	port: number;
	url: string;
	start(): Promise<void>;
	/** SIGKILL, as a crash: nothing is saved (there is nowhere to save it anyway). */
	stop(): Promise<void>;
	running(): boolean;
};

/** A port in a range nothing else here uses, derived from the pid (vi.hoisted needs it at once). */
export function spareRedisPort(offset = 0): number {
	return 21_000 + ((process.pid * 7 + offset) % 9_000);
}

function reachable(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = createConnection({ port, host: '127.0.0.1' });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

export function testRedis(port: number): TestRedis {
	let child: ChildProcess | null = null;
	return {
		port,
		url: `redis://127.0.0.1:${port}`,
		running: () => child !== null,
		async start() {
			if (child) return;
			const started = spawn(
				'redis-server',
				['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
				{ stdio: 'ignore' }
			);
			child = started;
			started.once('exit', () => {
				if (child === started) child = null;
			});
			for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
				if (await reachable(port)) return;
				if (started.exitCode !== null) break;
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			throw new Error(`redis-server did not start on port ${port}`);
		},
		async stop() {
			const current = child;
			if (!current) return;
			const exited = new Promise((resolve) => current.once('exit', resolve));
			current.kill('SIGKILL');
			await exited;
			child = null;
			while (await reachable(port)) await new Promise((resolve) => setTimeout(resolve, 20));
		}
	};
}
