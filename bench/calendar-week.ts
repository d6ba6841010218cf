/**
 * The rostering board at scale: 200 staff with 2,000 events in one week (and 100,000 more in the
 * fifty weeks around it, a year of roster, so the range query has to find its week), on two web
 * processes.
 *
 * Measures:
 * - the week view's data request (GET /api/v1/calendar-events?from=&to=) as a coordinator: 30
 *   requests, median and 95th percentile, and the size of the answer;
 * - the database's part of it (EXPLAIN ANALYZE of the range lookup, which must use the GiST index);
 * - a move made over HTTP on one process until another coordinator's socket on the other process
 *   hears `calendar:changed` (100 moves);
 * - the board itself in Chromium: from navigation until all 2,000 events are drawn in the staff
 *   week view, and the frame times while scrolling through the 200 rows.
 */
import { chromium } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { generateSessionToken, sessionIdFromToken } from '../src/lib/server/auth/session';
import { fromWallClock, wallClock } from '../src/lib/shared/zone';
import { ownerClient } from '../tests/pg';
import { ensureBuild, killAll, startServer, type Started } from '../tests/server-process';
import type { Benchmark } from './run';

const STAFF = 200;
const PER_STAFF = 10; // two shifts a day, Monday to Friday
const OTHER_WEEKS = 50; // a year of roster around it
const WEEK = '2030-03-04'; // a Monday, far from any demo roster
const REQUESTS = 30;
const MOVES = 100;
const ZONE = 'Australia/Sydney';

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (n: number) => Number(n.toFixed(1));
const addDays = (date: string, n: number) => {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
};

async function seed(run: string) {
	const db = await ownerClient();
	try {
		await db.query('BEGIN');
		// The owner may skip the audit trigger for a bulk load (migrations/0009_identity.ts).
		await db.query(`SET LOCAL app.bulk_load = 'on'`);
		const users = await db.query<{ id: string; role: string }>(
			`INSERT INTO users (email, password_hash, name, role)
			SELECT 'bench-cal-' || $1 || '-' || g || '@bench.test', 'x',
				CASE WHEN g <= 2 THEN 'Bench coordinator ' ELSE 'Bench worker ' END || lpad(g::text, 3, '0'),
				(CASE WHEN g <= 2 THEN 'support_coordinator' ELSE 'support_worker' END)::user_role
			FROM generate_series(1, $2) g ORDER BY g RETURNING id, role`,
			[run, STAFF + 2]
		);
		const coordinators = users.rows.filter((u) => u.role === 'support_coordinator');
		const staff = users.rows.filter((u) => u.role === 'support_worker');
		const tokens = coordinators.map(() => generateSessionToken());
		await db.query(
			`INSERT INTO auth_sessions (id, user_id, expires_at, last_seen_at)
			SELECT unnest($1::text[]), unnest($2::uuid[]), now() + interval '2 hours', now()`,
			[tokens.map(sessionIdFromToken), coordinators.map((u) => u.id)]
		);
		const participants = await db.query<{ id: string }>(
			`INSERT INTO participants (ndis_number, name, plan_start_date, plan_end_date, created_by)
			SELECT '49' || lpad((floor(random() * 10000000))::text, 7, '0'), 'Bench participant ' || g,
				'2029-01-01', '2031-12-31', $1
			FROM generate_series(1, $2) g RETURNING id`,
			[coordinators[0]!.id, STAFF]
		);
		// Each worker has "their" participant, so nobody is double-booked. Times are Sydney's.
		const rows: unknown[][] = [];
		for (let week = -OTHER_WEEKS / 2; week <= OTHER_WEEKS / 2; week++) {
			for (let day = 0; day < 5; day++) {
				const date = addDays(WEEK, week * 7 + day);
				const shifts = [
					[`${date}T08:00`, `${date}T11:30`],
					[`${date}T13:00`, `${date}T16:30`]
				];
				staff.forEach((s, i) => {
					for (const [start, end] of shifts) {
						rows.push([
							`Personal care – Bench participant ${i + 1}`,
							participants.rows[i]!.id,
							s.id,
							fromWallClock(start!, ZONE).toISOString(),
							fromWallClock(end!, ZONE).toISOString()
						]);
					}
				});
			}
		}
		for (let i = 0; i < rows.length; i += 5000) {
			const chunk = rows.slice(i, i + 5000);
			await db.query(
				`INSERT INTO calendar_events (title, participant_id, staff_id, event_type, start_datetime, end_datetime, location, status, created_by)
				SELECT t, p, s, 'session', st, en, 'Bench Street', 'confirmed', $6
				FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[]) AS x(t, p, s, st, en)`,
				[...[0, 1, 2, 3, 4].map((c) => chunk.map((r) => r[c])), coordinators[0]!.id]
			);
		}
		await db.query('COMMIT');
		await db.query('ANALYZE calendar_events');
		const plan = await db.query<{ 'QUERY PLAN': string }>(
			`EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM calendar_events
			WHERE tstzrange(start_datetime, end_datetime) && tstzrange($1::timestamptz, $2::timestamptz)`,
			[fromWallClock(`${WEEK}T00:00`, ZONE), fromWallClock(`${addDays(WEEK, 7)}T00:00`, ZONE)]
		);
		const total = await db.query<{ count: string }>(`SELECT count(*) FROM calendar_events`);
		return {
			cookies: tokens.map((t) => `session=${t}`),
			tokens,
			staffIds: staff.map((s) => s.id),
			plan: plan.rows.map((r) => r['QUERY PLAN']),
			totalEvents: Number(total.rows[0]!.count)
		};
	} catch (err) {
		await db.query('ROLLBACK').catch(() => undefined);
		throw err;
	} finally {
		await db.end();
	}
}

/** The bench's events go; its accounts and participants stop counting (as the approval bench). */
async function cleanUp(run: string) {
	const db = await ownerClient();
	try {
		await db.query('BEGIN');
		await db.query(`SET LOCAL app.bulk_load = 'on'`);
		const ids = `(SELECT id FROM users WHERE email LIKE 'bench-cal-${run}-%')`;
		await db.query(`DELETE FROM calendar_events WHERE created_by IN ${ids}`);
		await db.query(`DELETE FROM auth_sessions WHERE user_id IN ${ids}`);
		await db.query(`UPDATE participants SET status = 'inactive' WHERE created_by IN ${ids}`);
		await db.query(`UPDATE users SET is_active = false WHERE id IN ${ids}`);
		await db.query('COMMIT');
	} finally {
		await db.end();
	}
}

async function measureRequests(server: Started, cookie: string) {
	const url = `${server.base}/api/v1/calendar-events?from=${WEEK}&to=${addDays(WEEK, 7)}`;
	const times: number[] = [];
	let bytes = 0;
	let count = 0;
	for (let i = 0; i < REQUESTS + 3; i++) {
		const started = performance.now();
		const response = await fetch(url, { headers: { cookie } });
		const body = await response.text();
		const elapsed = performance.now() - started;
		if (response.status !== 200) throw new Error(`list answered ${response.status}: ${body}`);
		if (i < 3) continue; // warm-up
		times.push(elapsed);
		bytes = body.length;
		count = (JSON.parse(body) as { data: unknown[] }).data.length;
	}
	times.sort((a, b) => a - b);
	return { times, bytes, count };
}

async function measureMoves(a: Started, b: Started, cookies: string[]) {
	const listener: Socket = io(b.base, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { cookie: cookies[1]! }
	});
	await new Promise<void>((resolve, reject) => {
		listener.once('connect', () => resolve());
		listener.once('connect_error', reject);
	});
	const waiting = new Map<string, (at: number) => void>();
	listener.on('calendar:changed', (change: { event: { id: string; version: number } }) => {
		waiting.get(`${change.event.id}:${change.event.version}`)?.(performance.now());
	});
	const list = await fetch(`${a.base}/api/v1/calendar-events?from=${WEEK}&to=${addDays(WEEK, 7)}`, {
		headers: { cookie: cookies[0]! }
	});
	const events = (
		(await list.json()) as {
			data: { id: string; version: number; startDatetime: string; endDatetime: string }[];
		}
	).data;
	const latencies: number[] = [];
	// Afternoon shifts move 15 minutes later: never into anyone else's time.
	const afternoon = events.filter((e) => wallClock(e.startDatetime, ZONE).endsWith('T13:00:00'));
	for (const event of afternoon.slice(0, MOVES)) {
		const key = `${event.id}:${event.version + 1}`;
		const heard = new Promise<number>((resolve) => waiting.set(key, resolve));
		const sent = performance.now();
		const shift = (iso: string) => new Date(Date.parse(iso) + 15 * 60_000).toISOString();
		const response = await fetch(`${a.base}/api/v1/calendar-events/${event.id}`, {
			method: 'PATCH',
			headers: { cookie: cookies[0]!, 'content-type': 'application/json' },
			body: JSON.stringify({
				version: event.version,
				startDatetime: shift(event.startDatetime),
				endDatetime: shift(event.endDatetime)
			})
		});
		if (response.status !== 200) {
			throw new Error(`move answered ${response.status}: ${await response.text()}`);
		}
		latencies.push((await heard) - sent);
	}
	listener.disconnect();
	latencies.sort((x, y) => x - y);
	return latencies;
}

async function measureBrowser(server: Started, token: string) {
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu']
	});
	try {
		const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		await context.addCookies([{ name: 'session', value: token, url: server.base }]);
		const page = await context.newPage();
		const started = Date.now();
		await page.goto(`${server.base}/calendar?view=resourceTimelineWeek&date=${WEEK}`);
		await page.getByTestId('shown-count').waitFor({ timeout: 60_000 });
		const fetchedMs = Date.now() - started;
		await page.waitForFunction(
			(n) => document.querySelectorAll('.ec-event').length >= n,
			STAFF * PER_STAFF,
			{ timeout: 60_000 }
		);
		const loadMs = Date.now() - started;
		const drawn = await page.locator('.ec-event').count();
		const rows = await page.locator('.row-label').count();
		// Scroll down through the rows, one step per frame, and time the frames.
		const scroll = () =>
			page.evaluate(async () => {
				const scroller = document.querySelector<HTMLElement>('.ec-main')!;
				scroller.scrollTop = 0;
				const times: number[] = [];
				let last = performance.now();
				for (let i = 0; i < 120; i++) {
					scroller.scrollTop += 60;
					await new Promise(requestAnimationFrame);
					const now = performance.now();
					times.push(now - last);
					last = now;
				}
				return times.sort((x, y) => x - y);
			});
		const frames = await scroll();
		// The same board with its events hidden: what this machine's rendering costs anyway.
		const hidden = await page.addStyleTag({ content: '.ec-event { display: none !important; }' });
		const bare = await scroll();
		await hidden.evaluate((el) => (el as HTMLElement).remove());
		// The next week, fetched and drawn.
		const nextStarted = Date.now();
		await page.getByRole('button', { name: /^Next/ }).click();
		await page.waitForFunction(
			(n) =>
				document.querySelectorAll('.ec-event').length >= n &&
				location.search.includes('date=2030-03-11'),
			STAFF * PER_STAFF,
			{ timeout: 60_000 }
		);
		const nextMs = Date.now() - nextStarted;
		return { loadMs, fetchedMs, drawn, rows, frames, bare, nextMs };
	} finally {
		await browser.close();
	}
}

export const calendarWeek: Benchmark = {
	name: 'calendar-week',
	description: `week view with ${STAFF} staff and ${STAFF * PER_STAFF} events (of ${STAFF * PER_STAFF * (OTHER_WEEKS + 1)}): data request, DB, live move, board in Chromium`,
	async run() {
		ensureBuild();
		const run = Date.now().toString(36);
		const data = await seed(run);
		const [a, b] = await Promise.all([
			startServer({ LOG_LEVEL: 'warn' }),
			startServer({ LOG_LEVEL: 'warn' })
		]);
		try {
			const requests = await measureRequests(a, data.cookies[0]!);
			const browser = await measureBrowser(a, data.tokens[0]!);
			const moves = await measureMoves(a, b, data.cookies);
			const dbTime = data.plan.find((l) => l.startsWith('Execution Time')) ?? '';
			return {
				'events in the table': data.totalEvents,
				'events in the week (answered)': requests.count,
				'answer size (KB)': Math.round(requests.bytes / 1024),
				'week request median (ms)': ms(percentile(requests.times, 50)),
				'week request p95 (ms)': ms(percentile(requests.times, 95)),
				'range lookup uses GiST index': data.plan.some((l) =>
					l.includes('calendar_events_span_idx')
				)
					? 'yes'
					: 'NO',
				'range lookup in the database (ms)': Number(/([\d.]+) ms/.exec(dbTime)?.[1] ?? NaN),
				'board: navigation → events fetched (ms)': browser.fetchedMs,
				'board: navigation → 2,000 events drawn (ms)': browser.loadMs,
				'board: events drawn': browser.drawn,
				'board: staff rows': browser.rows,
				'board: scroll frame median (ms)': ms(percentile(browser.frames, 50)),
				'board: scroll frame p95 (ms)': ms(percentile(browser.frames, 95)),
				'board: scroll frame median, events hidden (ms)': ms(percentile(browser.bare, 50)),
				'board: next week → drawn (ms)': browser.nextMs,
				'move → other process socket median (ms)': ms(percentile(moves, 50)),
				'move → other process socket p95 (ms)': ms(percentile(moves, 95)),
				moves: moves.length
			};
		} finally {
			killAll();
			await cleanUp(run);
		}
	}
};
