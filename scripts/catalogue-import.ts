/**
 * npm run catalogue:import -- FILE [--state NSW] [--effective-date YYYY-MM-DD] [--legacy] [--dry-run]
 *
 * Exit codes: 0 imported (rows with errors are skipped and listed), 1 the file cannot be read or
 * is not a catalogue, or the database failed, 2 bad usage.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { config } from '../src/lib/server/config';
import { importCatalogue, previewCatalogue } from '../src/lib/server/catalogue/import';
import {
	CatalogueFormatError,
	CatalogueOptionError,
	parseCatalogue,
	type ParsedCatalogue
} from '../src/lib/server/catalogue/parse';

const USAGE = `usage: npm run catalogue:import -- FILE [options]

  --state ST              price column for per-state catalogues (ACT, NSW, NT, QLD, SA, TAS,
                          VIC, WA); default NSW. Not allowed for National catalogues (2026-27 on)
  --effective-date DATE   YYYY-MM-DD the prices take effect, for files without a Start date
                          column; default 1 July of the financial year in the file name
  --legacy                mark every item deprecated (automatic if the file name has "legacy")
  --dry-run               show what would change, write nothing
  -h, --help              show this help`;

class ExitError extends Error {
	constructor(
		message: string,
		readonly code: 1 | 2
	) {
		super(message);
	}
}

function usage() {
	try {
		const { values, positionals } = parseArgs({
			args: process.argv.slice(2),
			allowPositionals: true,
			strict: true,
			options: {
				state: { type: 'string' },
				'effective-date': { type: 'string' },
				legacy: { type: 'boolean', default: false },
				'dry-run': { type: 'boolean', default: false },
				help: { type: 'boolean', short: 'h', default: false }
			}
		});
		if (values.help) {
			console.log(USAGE);
			process.exit(0);
		}
		if (positionals.length !== 1) {
			throw new Error(positionals.length ? 'give exactly one FILE' : 'FILE is missing');
		}
		return { file: positionals[0] as string, ...values };
	} catch (err) {
		// Node's own message goes on to explain `--` positionals, which only confuses here.
		const message =
			err instanceof Error ? err.message.replace(/\. To specify.*$/s, '') : String(err);
		throw new ExitError(`${message}\n\n${USAGE}`, 2);
	}
}

async function read(file: string): Promise<Buffer> {
	try {
		return await readFile(file);
	} catch (err) {
		const code = (err as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code;
		throw new ExitError(`Cannot read ${file}: ${why ?? String(err)}`, 1);
	}
}

function table(rows: [string, string | number][]): string {
	const width = Math.max(...rows.map(([label]) => label.length));
	return rows
		.map(([label, value]) => `  ${label.padEnd(width)}  ${String(value).padStart(6)}`)
		.join('\n');
}

async function main() {
	const args = usage();
	const input = await read(args.file);
	let catalogue: ParsedCatalogue;
	try {
		catalogue = parseCatalogue(input, {
			fileName: args.file,
			state: args.state,
			effectiveDate: args['effective-date'],
			legacy: args.legacy
		});
	} catch (err) {
		if (err instanceof CatalogueOptionError) throw new ExitError(err.message, 2);
		if (err instanceof CatalogueFormatError) throw new ExitError(`${args.file}: ${err.message}`, 1);
		throw err;
	}
	if (catalogue.rowsRead > 0 && catalogue.rows.length === 0) {
		for (const e of catalogue.errors) console.log(`line ${e.line}: ${e.reason}`);
		throw new ExitError(`${args.file}: none of its ${catalogue.rowsRead} rows could be read.`, 1);
	}

	const started = performance.now();
	const client = new pg.Client({ connectionString: config.databaseOwnerUrl });
	try {
		await client.connect();
	} catch (err) {
		throw new ExitError(`Cannot connect to the database: ${(err as Error).message}`, 1);
	}
	try {
		const apply = args['dry-run'] ? previewCatalogue : importCatalogue;
		const s = await apply(client, catalogue, { source: basename(args.file) });
		const seconds = ((performance.now() - started) / 1000).toFixed(2);
		console.log(
			`${s.dryRun ? 'Dry run (nothing written) of' : 'Imported'} ${args.file}\n` +
				`  layout ${s.layout}, price column ${catalogue.priceColumn}, ${seconds}s\n`
		);
		console.log(
			table([
				['rows read', s.rowsRead],
				['rows skipped (errors)', s.errors.length],
				['item codes inserted', s.inserted],
				['item codes updated', s.updated],
				['item codes unchanged', s.unchanged],
				['price history added', s.historyAdded],
				['price history updated', s.historyUpdated]
			])
		);
		if (s.errors.length > 0) {
			console.log(`\n${s.errors.length} row(s) skipped:`);
			for (const e of s.errors) console.log(`  line ${e.line}: ${e.reason}`);
		}
	} finally {
		await client.end();
	}
}

try {
	await main();
} catch (err) {
	if (err instanceof ExitError) {
		console.error(err.message);
		process.exitCode = err.code;
	} else {
		console.error(`catalogue import failed: ${err instanceof Error ? err.message : String(err)}`);
		process.exitCode = 1;
	}
}
