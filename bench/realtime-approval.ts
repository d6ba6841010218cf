/**
 * Approve → worker's socket: with 500 sockets connected to two web processes (450 workers' and
 * 50 coordinators'), a coordinator approves 200 pending sessions one after another over HTTP on
 * one process; the worker's socket is on the other. Measures from sending the approve request to
 * the worker's `session-log:changed` event, and reports median, 95th percentile and maximum.
 */
import { io, type Socket } from 'socket.io-client';
import { generateSessionToken, sessionIdFromToken } from '../src/lib/server/auth/session';
import { ownerClient } from '../tests/pg';
import { ensureBuild, killAll, startServer } from '../tests/server-process';
import type { Benchmark } from './run';

const SOCKETS = 500;
const APPROVALS = 200;
const COORDINATORS = 50;

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function seed(run: string) {
	const db = await ownerClient();
	try {
		const users = await db.query<{ id: string; role: string }>(
			`INSERT INTO users (email, password_hash, name, role)
			SELECT 'bench-' || $1 || '-' || g || '@bench.test', 'x', 'Bench user ' || g,
				(CASE WHEN g <= $2 THEN 'support_coordinator' ELSE 'support_worker' END)::user_role
			FROM generate_series(1, $3) g RETURNING id, role`,
			[run, COORDINATORS, SOCKETS]
		);
		const tokens = users.rows.map(() => generateSessionToken());
		await db.query(
			`INSERT INTO auth_sessions (id, user_id, expires_at, last_seen_at)
			SELECT unnest($1::text[]), unnest($2::uuid[]), now() + interval '2 hours', now()`,
			[tokens.map(sessionIdFromToken), users.rows.map((u) => u.id)]
		);
		const coordinator = users.rows.find((u) => u.role === 'support_coordinator')!;
		const worker = users.rows.find((u) => u.role === 'support_worker')!;
		const participant = await db.query<{ id: string }>(
			`INSERT INTO participants (ndis_number, name, plan_start_date, plan_end_date, created_by)
			VALUES ('43' || lpad((floor(random() * 10000000))::text, 7, '0'), 'Bench participant', '2020-01-01', '2030-12-31', $1)
			RETURNING id`,
			[coordinator.id]
		);
		await db.query(`INSERT INTO participant_staff (participant_id, user_id) VALUES ($1, $2)`, [
			participant.rows[0]!.id,
			worker.id
		]);
		// 200 pending sessions of the worker, one a day going back, so none overlap.
		const sessions = await db.query<{ id: string }>(
			`INSERT INTO session_logs (participant_id, staff_id, service_type, session_date, start_time, end_time, duration_hours)
			SELECT $1, $2, 'Personal care', current_date - g, '09:00', '10:00', 1
			FROM generate_series(1, $3) g RETURNING id`,
			[participant.rows[0]!.id, worker.id, APPROVALS]
		);
		return {
			users: users.rows.map((u, i) => ({ ...u, cookie: `session=${tokens[i]}` })),
			coordinator,
			worker,
			sessionIds: sessions.rows.map((s) => s.id)
		};
	} finally {
		await db.end();
	}
}

/** The bench accounts stop working; their audited approvals stay, as an audit trail must. */
async function cleanUp(run: string) {
	const db = await ownerClient();
	try {
		const ids = `(SELECT id FROM users WHERE email LIKE 'bench-${run}-%')`;
		await db.query(`DELETE FROM auth_sessions WHERE user_id IN ${ids}`);
		await db.query(`UPDATE users SET is_active = false WHERE id IN ${ids}`);
	} finally {
		await db.end();
	}
}

export const realtimeApproval: Benchmark = {
	name: 'realtime-approval',
	description: `approve request → worker's socket event, ${APPROVALS} approvals, ${SOCKETS} sockets, 2 web processes`,
	async run() {
		ensureBuild();
		const run = Date.now().toString(36);
		const data = await seed(run);
		const [a, b] = await Promise.all([
			startServer({ LOG_LEVEL: 'warn' }),
			startServer({ LOG_LEVEL: 'warn' })
		]);
		const sockets: Socket[] = [];
		try {
			const connectStarted = Date.now();
			await Promise.all(
				data.users.map(
					(user, i) =>
						new Promise<void>((resolve, reject) => {
							const socket = io((i % 2 ? a : b).base, {
								path: '/socket.io',
								transports: ['websocket'],
								reconnection: false,
								extraHeaders: { cookie: user.cookie }
							});
							sockets.push(socket);
							socket.once('connect', () => resolve());
							socket.once('connect_error', reject);
						})
				)
			);
			const connectMs = Date.now() - connectStarted;
			const workerIndex = data.users.findIndex((u) => u.id === data.worker.id);
			const workerSocket = sockets[workerIndex]!;
			// The coordinator approves on the process the worker is not on.
			const approveOn = workerIndex % 2 ? b : a;
			const coordinatorCookie = data.users.find((u) => u.id === data.coordinator.id)!.cookie;
			const waiting = new Map<string, (at: number) => void>();
			workerSocket.on('session-log:changed', (event: { id: string; status: string }) => {
				if (event.status === 'approved') waiting.get(event.id)?.(performance.now());
			});
			const latencies: number[] = [];
			const requestMs: number[] = [];
			for (const id of data.sessionIds) {
				const heard = new Promise<number>((resolve) => waiting.set(id, resolve));
				const sent = performance.now();
				const response = await fetch(`${approveOn.base}/api/v1/session-logs/${id}/approve`, {
					method: 'POST',
					headers: { cookie: coordinatorCookie }
				});
				requestMs.push(performance.now() - sent);
				if (response.status !== 200)
					throw new Error(`approve answered ${response.status}: ${await response.text()}`);
				latencies.push((await heard) - sent);
			}
			latencies.sort((x, y) => x - y);
			requestMs.sort((x, y) => x - y);
			const ms = (n: number) => Number(n.toFixed(1));
			return {
				sockets: sockets.length,
				webProcesses: 2,
				approvals: latencies.length,
				'connect 500 sockets (ms)': connectMs,
				'approve → event median (ms)': ms(percentile(latencies, 50)),
				'approve → event p95 (ms)': ms(percentile(latencies, 95)),
				'approve → event max (ms)': ms(latencies[latencies.length - 1]!),
				'approve request median (ms)': ms(percentile(requestMs, 50))
			};
		} finally {
			for (const socket of sockets) socket.disconnect();
			killAll();
			await cleanUp(run);
		}
	}
};
