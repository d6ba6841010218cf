/**
 * `npm run bench [-- name …]`: runs the benchmarks (never part of `npm test`), prints a table of
 * figures for each and writes them as JSON under bench/results/. wall-memory runs an hour of real
 * time and only when named (`npm run bench -- wall-memory --minutes=60`). They run against the test
 * database (NODE_ENV=test) and the local Redis, over the production build.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { calendarWeek } from './calendar-week';
import { budgetRecompute } from './budget-recompute';
import { expirySweep } from './expiry-sweep';
import { realtimeApproval } from './realtime-approval';
import { wallLatency } from './wall-latency';
import { wallMemory } from './wall-memory';

export type Figures = Record<string, string | number>;
export type Benchmark = {
	name: string;
	description: string;
	run: () => Promise<Figures>;
	/** Runs only when named (it takes an hour of real time). */
	slow?: boolean;
};

const BENCHMARKS: Benchmark[] = [
	realtimeApproval,
	calendarWeek,
	budgetRecompute,
	expirySweep,
	wallLatency,
	{ ...wallMemory, slow: true }
];

async function main(): Promise<void> {
	const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
	const unknown = wanted.filter((w) => !BENCHMARKS.some((b) => b.name === w));
	if (unknown.length > 0) {
		console.error(
			`Unknown benchmark: ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}`
		);
		process.exit(2);
	}
	const chosen =
		wanted.length > 0
			? BENCHMARKS.filter((b) => wanted.includes(b.name))
			: BENCHMARKS.filter((b) => !b.slow);
	await mkdir(resolve('bench/results'), { recursive: true });
	for (const bench of chosen) {
		console.log(`\n== ${bench.name}: ${bench.description}`);
		const started = Date.now();
		const figures = await bench.run();
		console.table(figures);
		const file = resolve('bench/results', `${bench.name}.json`);
		const record = {
			name: bench.name,
			at: new Date().toISOString(),
			seconds: (Date.now() - started) / 1000,
			figures
		};
		await writeFile(file, `${JSON.stringify(record, null, '\t')}\n`);
		console.log(`written ${file}`);
	}
	process.exit(0);
}

main().catch((err: unknown) => {
	console.error(err);
	process.exit(1);
});
