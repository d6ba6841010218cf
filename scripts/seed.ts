/**
 * npm run seed -- --demo | --scale N | --settings | --remove-scale
 *
 * --demo          demo organisation with the four demo logins (refused when NODE_ENV=production)
 * --scale N       N participants and proportionate staff, sessions, invoices, documents and audit
 *                 rows for benchmarks (1 ≤ N ≤ 1,000,000); replaces any previous scale data set
 * --settings      insert missing system settings only (safe on a production install)
 * --remove-scale  delete the scale data set
 */
import { parseArgs } from 'node:util';
import { config } from '../src/lib/server/config';
import { connectOwner, inTransaction } from '../src/lib/server/seed/db';
import { MissingCatalogueError } from '../src/lib/server/seed/item-codes';
import { insertMissingSettings } from '../src/lib/server/seed/settings';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../src/lib/server/seed/demo';
import { removeScaleData, seedScale } from '../src/lib/server/seed/scale';
import { MAX_PARTICIPANTS } from '../src/lib/server/seed/scale-data/plan';

const USAGE = `usage: npm run seed -- --demo | --scale N | --settings | --remove-scale
  --demo          demo data with the demo logins (not allowed when NODE_ENV=production)
  --scale N       benchmark data set with N participants (1 to ${MAX_PARTICIPANTS})
  --settings      insert missing system settings only
  --remove-scale  delete the benchmark data set`;

type Command =
	{ kind: 'demo' } | { kind: 'scale'; n: number } | { kind: 'settings' } | { kind: 'remove-scale' };

function usageError(message: string): never {
	console.error(`seed: ${message}\n${USAGE}`);
	process.exit(2);
}

function parseCommand(argv: string[]): Command {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			strict: true,
			allowPositionals: false,
			options: {
				demo: { type: 'boolean' },
				scale: { type: 'string' },
				settings: { type: 'boolean' },
				'remove-scale': { type: 'boolean' },
				help: { type: 'boolean', short: 'h' }
			}
		}));
	} catch (err) {
		usageError(err instanceof Error ? err.message : String(err));
	}
	if (values.help) {
		console.log(USAGE);
		process.exit(0);
	}
	const chosen = (['demo', 'scale', 'settings', 'remove-scale'] as const).filter(
		(k) => values[k] !== undefined
	);
	if (chosen.length !== 1)
		usageError('choose exactly one of --demo, --scale N, --settings, --remove-scale');
	if (values.scale !== undefined) {
		const n = Number(values.scale);
		if (!/^\d+$/.test(values.scale) || !Number.isSafeInteger(n) || n < 1 || n > MAX_PARTICIPANTS) {
			usageError(
				`--scale needs a whole number from 1 to ${MAX_PARTICIPANTS}, got "${values.scale}"`
			);
		}
		return { kind: 'scale', n };
	}
	return { kind: chosen[0] as 'demo' | 'settings' | 'remove-scale' };
}

function printCounts(counts: Record<string, number>) {
	const width = Math.max(...Object.keys(counts).map((k) => k.length));
	for (const [table, n] of Object.entries(counts)) {
		console.log(`  ${table.padEnd(width)}  ${n.toLocaleString('en-AU').padStart(12)}`);
	}
}

const command = parseCommand(process.argv.slice(2));
if (command.kind === 'demo' && config.isProduction) {
	console.error(
		'seed: refusing --demo with NODE_ENV=production: demo logins have published passwords. ' +
			'Use --settings for a production install and `npm run cli -- user:create` for the first admin.'
	);
	process.exit(1);
}

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const db = await connectOwner();
try {
	const target = new URL(config.databaseOwnerUrl);
	console.log(`seed ${command.kind} into database ${target.pathname.slice(1)} on ${target.host}`);
	if (command.kind === 'demo') {
		const { counts } = await seedDemo(db);
		console.log('demo rows (inserted or updated):');
		printCounts(counts);
		console.log(`done in ${elapsed()}. Demo logins (password ${DEMO_PASSWORD}):`);
		for (const login of DEMO_LOGINS) console.log(`  ${login.email.padEnd(24)} ${login.role}`);
	} else if (command.kind === 'scale') {
		const counts = await seedScale(db, command.n, { log: (line) => console.log(line) });
		console.log(`scale ${command.n} rows inserted:`);
		printCounts(counts);
		console.log(`done in ${elapsed()}`);
	} else if (command.kind === 'settings') {
		const added = await inTransaction(db, () => insertMissingSettings(db));
		console.log(`system settings: ${added} added, existing ones kept. Done in ${elapsed()}`);
	} else {
		const removed = await removeScaleData(db);
		console.log(
			`removed the scale data set: ${removed.participants} participants, ${removed.users} staff users (${elapsed()})`
		);
	}
} catch (err) {
	if (err instanceof MissingCatalogueError) {
		console.error(err.message);
	} else {
		console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
	}
	process.exitCode = 1;
} finally {
	await db.end();
}
