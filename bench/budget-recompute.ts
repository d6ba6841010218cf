/**
 * The nightly budget recompute at scale: the scale data set for 10,000 participants (seeded here if
 * it is not there: `npm run seed -- --scale 10000`; about a million sessions), recomputed by the
 * job's own code in-process. Three runs: from scratch (every figure wrong, every row rewritten),
 * the steady nightly run (nothing changed), and one participant at a time as after an approval.
 * A sample of participants is checked against the independent reading of the rules.
 */
import { budgetMismatches } from '../tests/budget-truth';
import { ownerClient } from '../tests/pg';
import { recomputeBudgets } from '../src/lib/server/budgets/run';
import { closeDb } from '../src/lib/server/db';
import { runAs, SYSTEM } from '../src/lib/server/db/context';
import { closeRedis } from '../src/lib/server/redis';
import { seedScale } from '../src/lib/server/seed/scale';
import type { Benchmark } from './run';

const N = 10_000;
const SCALE = `length(p.ndis_number) = 9 AND p.ndis_number BETWEEN '438000001' AND '439000000'`;

export const budgetRecompute: Benchmark = {
	name: 'budget-recompute',
	description: `full budget recompute for the ${N.toLocaleString()}-participant scale seed`,
	async run() {
		const db = await ownerClient();
		try {
			const count = async (sql: string) => Number((await db.query(sql)).rows[0]?.n ?? 0);
			if ((await count(`SELECT count(*) AS n FROM participants p WHERE ${SCALE}`)) !== N) {
				console.log(`seeding the scale data set for ${N} participants (minutes)…`);
				await seedScale(db, N, { log: (line) => console.log(line) });
			}
			const participants = await count(`SELECT count(*) AS n FROM participants`);
			const sessions = await count(
				`SELECT count(*) AS n FROM session_logs WHERE status = 'approved'`
			);
			const lines = await count(`SELECT count(*) AS n FROM invoice_items`);

			// From scratch: every used budget wrong, no figures, every monthly row off by a dollar.
			await db.query(`UPDATE participants p SET used_budget = 0 WHERE ${SCALE}`);
			await db.query(`DELETE FROM participant_budget_stats`);
			await db.query(`UPDATE participant_monthly_spend SET amount = amount + 1`);
			await db.query(
				`VACUUM ANALYZE participants, participant_budget_stats, participant_monthly_spend`
			);

			const timed = async <T>(work: () => Promise<T>) => {
				const started = performance.now();
				const result = await work();
				return { result, seconds: (performance.now() - started) / 1000 };
			};
			const cold = await timed(() => runAs(SYSTEM, () => recomputeBudgets()));
			const steady = await timed(() => runAs(SYSTEM, () => recomputeBudgets()));

			const sample = await db.query<{ id: string }>(
				`SELECT id::text FROM participants p WHERE ${SCALE} ORDER BY md5(id::text) LIMIT 50`
			);
			const singles: number[] = [];
			for (const { id } of sample.rows) {
				const one = await timed(() => runAs(SYSTEM, () => recomputeBudgets({ participantId: id })));
				singles.push(one.seconds * 1000);
			}
			singles.sort((a, b) => a - b);

			const checked = await timed(() =>
				budgetMismatches(
					db,
					`p.id IN (SELECT id FROM participants p WHERE ${SCALE} ORDER BY md5(id::text) LIMIT 500)`
				)
			);
			return {
				participants,
				'approved sessions': sessions,
				'invoice lines': lines,
				'from scratch (s)': Number(cold.seconds.toFixed(1)),
				'participants changed': cold.result.changed,
				'participants/s': Math.round(cold.result.participants / cold.seconds),
				'nightly, nothing changed (s)': Number(steady.seconds.toFixed(1)),
				'one participant median (ms)': Number(singles[Math.floor(singles.length / 2)]!.toFixed(1)),
				'one participant max (ms)': Number(singles[singles.length - 1]!.toFixed(1)),
				'sample of 500 checked against the rules':
					checked.result.length === 0 ? 'exact' : `${checked.result.length} differ`
			};
		} finally {
			await db.end();
			await closeRedis();
			await closeDb();
		}
	}
};
