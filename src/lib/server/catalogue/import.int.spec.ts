import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../../../tests/scratch-db';
import { importCatalogue, previewCatalogue } from './import';
import { parseCatalogue, type ParseOptions } from './parse';

const TODAY = '2026-11-25';
const FILE_2627 = 'data/ndis/support-catalogue-2026-27-v1.0.csv';
const FILE_2324 = 'data/ndis/support-catalogue-2023-24-v1.2.csv';
const TEST_PREFIX = 'ZZTEST_CAT_';
const HEADER =
	'Support Item Number,Support Item Name,Registration Group Number,Registration Group Name,Support Category Number,Support Category Name,Unit,Quote,Start date,End Date,National,Remote,Very Remote';

let scratch: ScratchDatabase;
let client: pg.Client;
let dir: string;

/** Item numbers read straight from the CSV, not through the code under test. */
function csvCodes(file: string): Set<string> {
	const rows = parseCsv(readFileSync(file), { columns: true, bom: true }) as Record<
		string,
		string
	>[];
	return new Set(rows.map((r) => r['Support Item Number'] as string));
}
const codes2627 = csvCodes(FILE_2627);
const codes2324 = csvCodes(FILE_2324);

function load(file: string, options: ParseOptions = {}) {
	return parseCatalogue(readFileSync(file), { fileName: file, today: TODAY, ...options });
}

function writeCsv(name: string, lines: string[]): string {
	const path = join(dir, name);
	writeFileSync(path, [HEADER, ...lines].join('\n') + '\n');
	return path;
}

function row(code: string, price: string, start: string, unit = 'H'): string {
	return `${TEST_PREFIX}${code},Test item ${code},0107,Daily Personal Activities,1,Daily Life,${unit},No,${start},99991231,${price},,`;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
	const { rows } = await client.query<{ n: number }>(`SELECT (${sql})::int AS n`, params);
	return rows[0]?.n ?? -1;
}

async function history(code: string) {
	const { rows } = await client.query<{ effective_date: string; price: string }>(
		`SELECT p.effective_date::text, p.price::text FROM ndis_item_code_prices p
		 JOIN ndis_item_codes c ON c.id = p.ndis_item_code_id WHERE c.code = $1 ORDER BY 1`,
		[code]
	);
	return rows.map((r) => [r.effective_date, r.price]);
}

async function item(code: string) {
	const { rows } = await client.query<{ price: string; effective_date: string }>(
		`SELECT price::text, effective_date::text FROM ndis_item_codes WHERE code = $1`,
		[code]
	);
	return rows[0];
}

// A database of this file's own, empty at the start, so the counts below are exact and no other
// file's rows (the demo seed's sessions and invoices) depend on the item codes imported here.
beforeAll(async () => {
	scratch = await createScratchDatabase('catalogue');
	client = new pg.Client({ connectionString: scratch.url });
	await client.connect();
	dir = mkdtempSync(join(tmpdir(), 'catalogue-import-'));
});

afterAll(async () => {
	await client?.end();
	await scratch?.drop();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('importCatalogue with the real NDIA catalogues', () => {
	it('imports all 975 items of 2026-27 with their history', async () => {
		const summary = await importCatalogue(client, load(FILE_2627), { today: TODAY });
		expect(summary).toMatchObject({
			layout: 'national',
			rowsRead: 975,
			inserted: 975,
			updated: 0,
			unchanged: 0,
			historyAdded: 975,
			errors: []
		});
		expect(codes2627.size).toBe(975);
		expect(
			await count(`SELECT count(*) FROM ndis_item_codes WHERE code = ANY($1)`, [[...codes2627]])
		).toBe(975);
		expect(await item('01_011_0107_1_1')).toEqual({ price: '73.58', effective_date: '2026-07-01' });
		const { rows } = await client.query(
			`SELECT code, price::text, quote_required, unit_type, category FROM ndis_item_codes
			 WHERE code IN ('Bereavement', '01_003_0107_1_1') ORDER BY code`
		);
		expect(rows).toEqual([
			{
				code: '01_003_0107_1_1',
				price: '0.00',
				quote_required: true,
				unit_type: 'Hour',
				category: 'Core'
			},
			{
				code: 'Bereavement',
				price: '104.45',
				quote_required: false,
				unit_type: 'Month',
				category: 'Capacity Building'
			}
		]);
	});

	it('changes nothing when the same file is imported again', async () => {
		const touched = `SELECT max(updated_at)::text FROM ndis_item_codes WHERE code = ANY($1)`;
		const before = await client.query(touched, [[...codes2627]]);
		const summary = await importCatalogue(client, load(FILE_2627), { today: TODAY });
		expect(summary).toMatchObject({
			inserted: 0,
			updated: 0,
			unchanged: 975,
			historyAdded: 0,
			historyUpdated: 0
		});
		expect((await client.query(touched, [[...codes2627]])).rows).toEqual(before.rows);
	});

	it('previews the older 2023-24 file without writing anything', async () => {
		const historyRows = `SELECT count(*) FROM ndis_item_code_prices`;
		const before = await count(historyRows);
		const summary = await previewCatalogue(client, load(FILE_2324, { state: 'NSW' }), {
			today: TODAY
		});
		const onlyOld = [...codes2324].filter((c) => !codes2627.has(c)).length;
		expect(summary).toMatchObject({
			dryRun: true,
			inserted: onlyOld,
			historyAdded: codes2324.size
		});
		expect(await count(historyRows)).toBe(before);
		expect(
			await count(`SELECT count(*) FROM ndis_item_codes WHERE code = ANY($1)`, [[...codes2324]])
		).toBe(codes2324.size - onlyOld);
	});

	it('adds 2023-24 to history without replacing the 2026-27 prices in force', async () => {
		const onlyOld = [...codes2324].filter((c) => !codes2627.has(c));
		const summary = await importCatalogue(client, load(FILE_2324, { state: 'NSW' }), {
			today: TODAY
		});
		expect(summary).toMatchObject({
			layout: 'per-state',
			rowsRead: 634,
			inserted: onlyOld.length,
			updated: 0,
			unchanged: codes2324.size - onlyOld.length,
			historyAdded: codes2324.size,
			errors: []
		});
		expect(onlyOld.length).toBeGreaterThan(0);
		expect(await item('01_011_0107_1_1')).toEqual({ price: '73.58', effective_date: '2026-07-01' });
		expect(await history('01_011_0107_1_1')).toEqual([
			['2023-07-01', '65.47'],
			['2026-07-01', '73.58']
		]);
		// NSW, not the higher NT/SA/TAS/WA price.
		expect((await history('01_700_0118_1_3'))[0]).toEqual(['2023-07-01', '214.41']);
		expect(await item(onlyOld[0] as string)).toMatchObject({ effective_date: '2023-07-01' });
		const total = new Set([...codes2627, ...codes2324]).size;
		expect(
			await count(`SELECT count(*) FROM ndis_item_codes WHERE code = ANY($1)`, [
				[...codes2627, ...codes2324]
			])
		).toBe(total);

		const again = await importCatalogue(client, load(FILE_2324), { today: TODAY });
		expect(again).toMatchObject({ inserted: 0, updated: 0, historyAdded: 0, historyUpdated: 0 });
	});
});

describe('importCatalogue price changes', () => {
	const run = (name: string, lines: string[]) =>
		importCatalogue(client, load(writeCsv(name, lines)), { today: TODAY, source: name });

	it('moves the current price to a newer date and keeps the old one in history', async () => {
		await run('a.csv', [row('1', '10.00', '20260701')]);
		const later = await run('b.csv', [row('1', '12.00', '20261001')]);
		expect(later).toMatchObject({ inserted: 0, updated: 1, historyAdded: 1 });
		expect(await item(`${TEST_PREFIX}1`)).toEqual({ price: '12.00', effective_date: '2026-10-01' });

		const corrected = await run('b2.csv', [row('1', '12.50', '20261001')]);
		expect(corrected).toMatchObject({ updated: 1, historyAdded: 0, historyUpdated: 1 });
		expect(await history(`${TEST_PREFIX}1`)).toEqual([
			['2026-07-01', '10.00'],
			['2026-10-01', '12.50']
		]);
	});

	it('records a future price without applying it, except for an item that has no other', async () => {
		const future = await run('c.csv', [
			row('1', '15.00', '20270701'),
			row('NEW', '20.00', '20270701')
		]);
		expect(future).toMatchObject({ inserted: 1, updated: 0, unchanged: 1, historyAdded: 2 });
		expect(await item(`${TEST_PREFIX}1`)).toEqual({ price: '12.50', effective_date: '2026-10-01' });
		expect(await item(`${TEST_PREFIX}NEW`)).toEqual({
			price: '20.00',
			effective_date: '2027-07-01'
		});
		expect(await history(`${TEST_PREFIX}1`)).toHaveLength(3);
	});

	it('reports the exact lines of a broken file and imports its good rows', async () => {
		const file = writeCsv('broken-2026-27.csv', [
			row('GOOD_A', '1.00', '20260701'),
			row('BAD_UNIT', '1.00', '20260701', 'XX'),
			row('GOOD_B', '2.00', '20260701'),
			row('BAD_PRICE', '1.2.3', '20260701'),
			row('GOOD_C', '3.00', '20260701')
		]);
		const summary = await importCatalogue(client, load(file), { today: TODAY });
		expect(summary.errors).toEqual([
			{ line: 3, reason: "Unit 'XX' is not one of H, E, D, WK, MON, YR" },
			{ line: 5, reason: expect.stringContaining("National price '1.2.3' is not an amount") }
		]);
		expect(summary).toMatchObject({ rowsRead: 5, inserted: 3 });
		const names = ['GOOD_A', 'BAD_UNIT', 'GOOD_B', 'BAD_PRICE', 'GOOD_C'].map(
			(c) => TEST_PREFIX + c
		);
		const { rows } = await client.query(
			`SELECT code FROM ndis_item_codes WHERE code = ANY($1) ORDER BY code`,
			[names]
		);
		expect(rows.map((r) => r.code)).toEqual([
			'ZZTEST_CAT_GOOD_A',
			'ZZTEST_CAT_GOOD_B',
			'ZZTEST_CAT_GOOD_C'
		]);
	});
});

describe('the catalogue:import command', () => {
	function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
		return new Promise((resolve) => {
			execFile(
				'node_modules/.bin/tsx',
				['scripts/catalogue-import.ts', ...args],
				// config.ts reads the owner URL from here under NODE_ENV=test: the scratch database.
				{ env: { ...process.env, NODE_ENV: 'test', DATABASE_OWNER_URL_TEST: scratch.url } },
				(err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr })
			);
		});
	}

	it('imports a file with bad rows, lists them and exits 0', async () => {
		const file = writeCsv('cli-2026-27.csv', [
			row('CLI_A', '1.00', '20260701'),
			row('CLI_B', '1.00', '20260701', 'XX')
		]);
		const { code, stdout } = await cli(file);
		expect(code).toBe(0);
		expect(stdout).toMatch(/item codes inserted\s+1\n/);
		expect(stdout).toContain("line 3: Unit 'XX' is not one of H, E, D, WK, MON, YR");
		expect(stdout).toContain('1 row(s) skipped');
	});

	it('exits 2 on bad usage and 1 on a file that is not a catalogue, without a stack trace', async () => {
		const usage = await cli(FILE_2627, '--sate', 'NSW');
		expect(usage.code).toBe(2);
		expect(usage.stderr).toContain("Unknown option '--sate'");
		const wrongState = await cli(FILE_2627, '--state', 'NSW');
		expect(wrongState.code).toBe(2);
		const notCatalogue = await cli('package.json');
		expect(notCatalogue.code).toBe(1);
		expect(notCatalogue.stderr).not.toMatch(/\n\s+at /);
		expect((await cli(join(dir, 'missing.csv'))).stderr).toContain('no such file');
	});
});
