/**
 * Approval → wall display: a coordinator approves sessions one after another over HTTP on the
 * production server, with a worker process running the jobs, as in production: the approval
 * queues the participant's budget recompute, the worker recomputes it and pushes fresh aggregates
 * to the display room. Measured from sending the approve request to (a) a display socket
 * receiving figures that include that approval, and (b) a real Chromium showing it on the
 * /wall/budget page. Whatever else the database holds (the scale data set, if seeded) is
 * aggregated on every push, as it would be.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { generateSessionToken, sessionIdFromToken } from '../src/lib/server/auth/session';
import { closeDb } from '../src/lib/server/db';
import { runAs, SYSTEM } from '../src/lib/server/db/context';
import { closeRedis } from '../src/lib/server/redis';
import * as displayTokens from '../src/lib/server/wall/tokens';
import type { BudgetWall } from '../src/lib/shared/wall';
import { ownerClient } from '../tests/pg';
import { ensureBuild, killAll, startServer } from '../tests/server-process';
import type { Benchmark } from './run';

const SOCKET_APPROVALS = 100;
const BROWSER_APPROVALS = 20;
const PARTICIPANTS = 20;

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (n: number) => Number(n.toFixed(1));

async function seed(run: string) {
	const db = await ownerClient();
	try {
		const { rows: users } = await db.query<{ id: string; role: string }>(
			`INSERT INTO users (email, password_hash, name, role) VALUES
			('bench-wall-' || $1 || '-c@bench.test', 'x', 'Bench coordinator', 'support_coordinator'),
			('bench-wall-' || $1 || '-w@bench.test', 'x', 'Bench worker', 'support_worker')
			RETURNING id, role`,
			[run]
		);
		const coordinator = users.find((u) => u.role === 'support_coordinator')!.id;
		const worker = users.find((u) => u.role === 'support_worker')!.id;
		const token = generateSessionToken();
		await db.query(
			`INSERT INTO auth_sessions (id, user_id, expires_at, last_seen_at) VALUES ($1, $2, now() + interval '2 hours', now())`,
			[sessionIdFromToken(token), coordinator]
		);
		const { rows: item } = await db.query<{ id: string }>(
			`SELECT id FROM ndis_item_codes WHERE status = 'active' AND unit_type = 'H' ORDER BY code LIMIT 1`
		);
		const { rows: participants } = await db.query<{ id: string }>(
			`INSERT INTO participants (ndis_number, name, plan_start_date, plan_end_date, total_budget, created_by)
			SELECT '43' || lpad((floor(random() * 10000000))::text, 7, '0'), 'Bench wall participant ' || g,
				current_date - 200, current_date + 165, 40000, $1
			FROM generate_series(1, $2) g RETURNING id`,
			[coordinator, PARTICIPANTS]
		);
		const total = SOCKET_APPROVALS + BROWSER_APPROVALS;
		// One a day going back, each with a participant in turn, so no two overlap.
		const { rows: sessions } = await db.query<{ id: string }>(
			`INSERT INTO session_logs (participant_id, staff_id, ndis_item_code_id, service_type, session_date,
				start_time, end_time, duration_hours)
			SELECT ($1::uuid[])[1 + g % $2], $3, $4, 'Personal care', current_date - g, '09:00', '11:00', 2
			FROM generate_series(1, $5) g ORDER BY g RETURNING id`,
			[participants.map((p) => p.id), PARTICIPANTS, worker, item[0]?.id ?? null, total]
		);
		return { cookie: `session=${token}`, sessionIds: sessions.map((s) => s.id) };
	} finally {
		await db.end();
	}
}

async function cleanUp(run: string) {
	const db = await ownerClient();
	try {
		const ids = `(SELECT id FROM users WHERE email LIKE 'bench-wall-${run}-%')`;
		await db.query(`DELETE FROM auth_sessions WHERE user_id IN ${ids}`);
		await db.query(`UPDATE users SET is_active = false WHERE id IN ${ids}`);
	} finally {
		await db.end();
	}
}

function startWorker(prefix: string): Promise<ChildProcess> {
	const child = spawn('node_modules/.bin/tsx', ['src/jobs/worker.ts'], {
		env: { ...process.env, NODE_ENV: 'test', BULLMQ_PREFIX: prefix, LOG_LEVEL: 'info' },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true
	});
	return new Promise((resolve, reject) => {
		let log = '';
		const timer = setTimeout(() => reject(new Error(`worker did not start:\n${log}`)), 60_000);
		child.stdout?.on('data', (chunk: Buffer) => {
			log += chunk.toString();
			if (log.includes('"msg":"worker ready"')) {
				clearTimeout(timer);
				resolve(child);
			}
		});
		child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
	});
}

export const wallLatency: Benchmark = {
	name: 'wall-latency',
	description: `approve request → wall display showing it (${SOCKET_APPROVALS} to a socket, ${BROWSER_APPROVALS} to Chromium), web + worker processes`,
	async run() {
		ensureBuild();
		const run = Date.now().toString(36);
		const prefix = `ndis-bench-${run}`;
		const data = await seed(run);
		const display = await runAs(SYSTEM, () => displayTokens.create(`Bench wall ${run}`));
		const server = await startServer({ LOG_LEVEL: 'warn', BULLMQ_PREFIX: prefix });
		const worker = await startWorker(prefix);
		let socket: Socket | undefined;
		const browser = await chromium.launch({
			executablePath: '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu']
		});
		try {
			let latest: BudgetWall | null = null;
			const waiters: { want: number; resolve: (at: number) => void }[] = [];
			socket = io(server.base, {
				path: '/socket.io',
				transports: ['websocket'],
				auth: { displayToken: display.token }
			});
			socket.on('wall:budget', (figures: BudgetWall) => {
				const at = performance.now();
				latest = figures;
				for (const w of [...waiters]) {
					if (figures.approvedToday.sessions >= w.want) {
						waiters.splice(waiters.indexOf(w), 1);
						w.resolve(at);
					}
				}
			});
			await new Promise<void>((resolve) => socket!.once('connect', () => resolve()));
			for (let i = 0; i < 50 && !latest; i++) await new Promise((r) => setTimeout(r, 100));
			const approve = async (id: string) => {
				const response = await fetch(`${server.base}/api/v1/session-logs/${id}/approve`, {
					method: 'POST',
					headers: { cookie: data.cookie, origin: server.base }
				});
				if (response.status !== 200) {
					throw new Error(`approve answered ${response.status}: ${await response.text()}`);
				}
			};

			const toSocket: number[] = [];
			for (const id of data.sessionIds.slice(0, SOCKET_APPROVALS)) {
				const want = (latest as BudgetWall | null)!.approvedToday.sessions + 1;
				const heard = new Promise<number>((resolve) => waiters.push({ want, resolve }));
				const sent = performance.now();
				await approve(id);
				toSocket.push((await heard) - sent);
			}

			const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
			await page.goto(`${server.base}/wall/budget?token=${display.token}`);
			await page.getByTestId('connection-state').getByText('Live').waitFor();
			const toScreen: number[] = [];
			for (const id of data.sessionIds.slice(SOCKET_APPROVALS)) {
				const before = Number(await page.getByTestId('approved-today').textContent());
				const sent = performance.now();
				await approve(id);
				await page.waitForFunction(
					(want) =>
						Number(document.querySelector('[data-testid="approved-today"]')?.textContent) >= want,
					before + 1,
					{ polling: 'raf', timeout: 10_000 }
				);
				toScreen.push(performance.now() - sent);
			}
			toSocket.sort((a, b) => a - b);
			toScreen.sort((a, b) => a - b);
			return {
				'approvals to a socket': toSocket.length,
				'→ socket median (ms)': ms(percentile(toSocket, 50)),
				'→ socket p95 (ms)': ms(percentile(toSocket, 95)),
				'→ socket max (ms)': ms(toSocket[toSocket.length - 1]!),
				'approvals to Chromium': toScreen.length,
				'→ screen median (ms)': ms(percentile(toScreen, 50)),
				'→ screen p95 (ms)': ms(percentile(toScreen, 95)),
				'→ screen max (ms)': ms(toScreen[toScreen.length - 1]!),
				'active participants aggregated': (latest as BudgetWall | null)?.activeParticipants ?? 0
			};
		} finally {
			socket?.disconnect();
			await browser.close();
			if (worker.pid) {
				try {
					process.kill(-worker.pid, 'SIGTERM');
				} catch {
					// already gone
				}
			}
			killAll();
			await runAs(SYSTEM, () => displayTokens.revoke(display.id)).catch(() => undefined);
			await cleanUp(run);
			await closeRedis();
			await closeDb();
		}
	}
};
