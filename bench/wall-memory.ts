/**
 * A wall display left running: both walls open in Chromium against the production server while
 * new figures arrive through the real path (Redis emitter → Socket.IO → the page), far faster than
 * any office produces them: budget figures every second, roster figures every five. Each minute,
 * after a forced garbage collection, the page's JS heap, DOM nodes and event listeners are read
 * over the Chrome DevTools Protocol. Runs for `--minutes=N` (default 60) of real time, nothing
 * extrapolated; a slope is fitted to the heap samples to show any growth per hour.
 */
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { closeDb } from '../src/lib/server/db';
import { runAs, SYSTEM } from '../src/lib/server/db/context';
import { DISPLAY_ROOM, publish } from '../src/lib/server/realtime/publish';
import { closeRedis } from '../src/lib/server/redis';
import * as displayTokens from '../src/lib/server/wall/tokens';
import type { BudgetWall, RosterWall } from '../src/lib/shared/wall';
import { ensureBuild, killAll, startServer } from '../tests/server-process';
import type { Benchmark } from './run';

function minutesArgument(): number {
	const arg = process.argv.find((a) => a.startsWith('--minutes='));
	const value = arg ? Number(arg.split('=')[1]) : 60;
	return Number.isFinite(value) && value > 0 ? value : 60;
}

const rnd = (max: number) => Math.floor(Math.random() * max);

function budgetFigures(tick: number): BudgetWall {
	const total = 4_000_000 + rnd(100_000);
	const used = 1_000_000 + tick * 37 + rnd(5000);
	return {
		today: new Date().toISOString().slice(0, 10),
		computedAt: new Date().toISOString(),
		activeParticipants: 400 + rnd(20),
		totalBudget: total.toFixed(2),
		usedBudget: used.toFixed(2),
		usedPercent: Math.round((used / total) * 1000) / 10,
		elapsedPercent: 40 + rnd(200) / 10,
		risk: {
			overspending: rnd(30),
			underspending: rnd(30),
			exhausted: rnd(5),
			onTrack: 350 + rnd(20)
		},
		spendThisMonth: (100_000 + rnd(50_000)).toFixed(2),
		pendingApprovals: rnd(120),
		approvedToday: { sessions: tick, hours: (tick * 1.5).toFixed(2) },
		overdueInvoices: { count: rnd(20), amount: (rnd(40_000) + 0.5).toFixed(2) },
		documents: { expiringSoon: rnd(40), expired: rnd(15) }
	};
}

function rosterFigures(tick: number): RosterWall {
	return {
		today: new Date().toISOString().slice(0, 10),
		computedAt: new Date().toISOString(),
		shifts: 120 + rnd(30),
		byStatus: { scheduled: rnd(60), confirmed: rnd(60), completed: tick % 80, cancelled: rnd(8) },
		onNow: rnd(40),
		startingWithinHour: rnd(15),
		unassigned: rnd(5),
		staffRostered: 50 + rnd(10),
		participantsSupported: 100 + rnd(30),
		rosteredHours: (300 + rnd(100)).toFixed(2),
		byHour: Array.from({ length: 24 }, () => rnd(40))
	};
}

type Sample = { minute: number; heapMb: number; nodes: number; listeners: number };

async function sample(cdp: CDPSession, minute: number): Promise<Sample> {
	await cdp.send('HeapProfiler.collectGarbage');
	const { usedSize } = await cdp.send('Runtime.getHeapUsage');
	const { metrics } = await cdp.send('Performance.getMetrics');
	const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
	return {
		minute,
		heapMb: Math.round((usedSize / 1024 / 1024) * 100) / 100,
		nodes: metric('Nodes'),
		listeners: metric('JSEventListeners')
	};
}

/** Least-squares slope of heap against time, in MB per hour. */
function slopePerHour(samples: Sample[]): number {
	const n = samples.length;
	if (n < 2) return 0;
	const mx = samples.reduce((s, p) => s + p.minute, 0) / n;
	const my = samples.reduce((s, p) => s + p.heapMb, 0) / n;
	const num = samples.reduce((s, p) => s + (p.minute - mx) * (p.heapMb - my), 0);
	const den = samples.reduce((s, p) => s + (p.minute - mx) ** 2, 0);
	return den === 0 ? 0 : (num / den) * 60;
}

export const wallMemory: Benchmark = {
	name: 'wall-memory',
	description: 'wall displays in Chromium under continuous updates: JS heap over real time',
	async run() {
		ensureBuild();
		const minutes = minutesArgument();
		const display = await runAs(SYSTEM, () => displayTokens.create('Bench memory wall'));
		const server = await startServer({ LOG_LEVEL: 'warn' });
		const browser = await chromium.launch({
			executablePath: '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu']
		});
		let timer: ReturnType<typeof setInterval> | undefined;
		try {
			const open = async (path: string): Promise<{ page: Page; cdp: CDPSession }> => {
				const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
				await page.goto(`${server.base}${path}?token=${display.token}`);
				await page.getByTestId('connection-state').getByText('Live').waitFor();
				const cdp = await page.context().newCDPSession(page);
				await cdp.send('Performance.enable');
				await cdp.send('HeapProfiler.enable');
				return { page, cdp };
			};
			const walls = { budget: await open('/wall/budget'), roster: await open('/wall/roster') };
			let tick = 0;
			timer = setInterval(() => {
				tick += 1;
				publish([DISPLAY_ROOM], 'wall:budget', budgetFigures(tick));
				if (tick % 5 === 0) publish([DISPLAY_ROOM], 'wall:roster', rosterFigures(tick));
			}, 1000);

			const samples: Record<'budget' | 'roster', Sample[]> = { budget: [], roster: [] };
			const started = Date.now();
			for (let minute = 0; minute <= minutes; minute++) {
				const due = started + minute * 60_000;
				await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
				for (const name of ['budget', 'roster'] as const) {
					samples[name].push(await sample(walls[name].cdp, minute));
				}
				const b = samples.budget[samples.budget.length - 1]!;
				console.log(
					`  ${minute} min: budget wall heap ${b.heapMb} MB, ${b.nodes} nodes; ${tick} updates sent`
				);
			}
			// Did the screen keep up? The last figures sent should be the ones shown.
			const shown = Number(await walls.budget.page.getByTestId('approved-today').textContent());
			const figures: Record<string, string | number> = {
				'minutes (real time)': minutes,
				'budget updates sent': tick,
				'roster updates sent': Math.floor(tick / 5),
				'last update shown': shown >= tick - 2 ? 'yes' : `no (${shown} of ${tick})`
			};
			for (const name of ['budget', 'roster'] as const) {
				const s = samples[name];
				const first = s[1] ?? s[0]!;
				const last = s[s.length - 1]!;
				figures[`${name}: heap after 1 min (MB)`] = first.heapMb;
				figures[`${name}: heap at end (MB)`] = last.heapMb;
				figures[`${name}: heap max (MB)`] = Math.max(...s.map((x) => x.heapMb));
				figures[`${name}: heap trend (MB/hour)`] = Number(slopePerHour(s.slice(1)).toFixed(3));
				figures[`${name}: DOM nodes start → end`] = `${first.nodes} → ${last.nodes}`;
				figures[`${name}: listeners start → end`] = `${first.listeners} → ${last.listeners}`;
			}
			return figures;
		} finally {
			if (timer) clearInterval(timer);
			await browser.close();
			killAll();
			await runAs(SYSTEM, () => displayTokens.revoke(display.id)).catch(() => undefined);
			await closeRedis();
			await closeDb();
		}
	}
};
