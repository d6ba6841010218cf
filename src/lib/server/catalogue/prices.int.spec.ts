import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../../../tests/scratch-db';
import { importCatalogue } from './import';
import { parseCatalogue, type ParseOptions } from './parse';
import { refreshCurrentPrices } from './prices';

const HEADER =
	'Support Item Number,Support Item Name,Registration Group Number,Registration Group Name,Support Category Number,Support Category Name,Unit,Quote,Start date,End Date,National,Remote,Very Remote';

let scratch: ScratchDatabase;
let client: pg.Client;

function row(code: string, price: string, start: string, end = '99991231'): string {
	return `${code},Item ${code},0107,Daily Personal Activities,1,Daily Life,H,No,${start},${end},${price},,`;
}

function load(rows: string[], today: string, options: ParseOptions = {}) {
	const catalogue = parseCatalogue([HEADER, ...rows].join('\n'), { today, ...options });
	return importCatalogue(client, catalogue, { today, source: 'prices.int.spec' });
}

async function item(code: string) {
	const { rows } = await client.query<{
		price: string;
		effective_date: string;
		end_date: string | null;
		status: string;
	}>(
		`SELECT price::text, effective_date::text, end_date::text, status::text
		 FROM ndis_item_codes WHERE code = $1`,
		[code]
	);
	return rows[0];
}

// Its own database: the counts refreshCurrentPrices returns cover every item there is.
beforeAll(async () => {
	scratch = await createScratchDatabase('prices');
	client = new pg.Client({ connectionString: scratch.url });
	await client.connect();
});

afterAll(async () => {
	await client?.end();
	await scratch?.drop();
});

beforeEach(async () => {
	await client.query('TRUNCATE ndis_item_codes CASCADE');
});

describe('refreshCurrentPrices', () => {
	it('keeps the price in force and rolls over once a later one starts', async () => {
		await load([row('ROLL', '10.00', '20250701'), row('ROLL', '20.00', '20990701')], '2026-11-25');
		expect(await item('ROLL')).toMatchObject({ price: '10.00', effective_date: '2025-07-01' });
		expect(await refreshCurrentPrices(client)).toBe(0);

		expect(await refreshCurrentPrices(client, '2099-07-02')).toBe(1);
		expect(await item('ROLL')).toEqual({
			price: '20.00',
			effective_date: '2099-07-01',
			end_date: null,
			status: 'active'
		});
		expect(await refreshCurrentPrices(client, '2099-07-02')).toBe(0);
	});

	it('uses the earliest price while all are in the future', async () => {
		await load(
			[row('LATER', '30.00', '20980701'), row('LATER', '31.00', '20990701')],
			'2026-11-25'
		);
		expect(await item('LATER')).toMatchObject({ price: '30.00', effective_date: '2098-07-01' });
		expect(await refreshCurrentPrices(client, '2026-11-25')).toBe(0);
		expect(await refreshCurrentPrices(client, '2098-12-31')).toBe(0);
		expect(await refreshCurrentPrices(client, '2099-07-01')).toBe(1);
		expect(await item('LATER')).toMatchObject({ price: '31.00' });
	});

	it('marks an item inactive once its price ends, but leaves a deprecated one deprecated', async () => {
		await load([row('ENDS', '5.00', '20250701', '20260630')], '2026-01-01');
		await load([row('OLD', '6.00', '20250701', '20260630')], '2026-01-01', { legacy: true });
		expect(await item('ENDS')).toMatchObject({ status: 'active' });
		expect(await refreshCurrentPrices(client, '2026-06-30')).toBe(0);
		expect(await refreshCurrentPrices(client, '2026-07-01')).toBe(1);
		expect(await item('ENDS')).toMatchObject({ status: 'inactive', end_date: '2026-06-30' });
		expect(await item('OLD')).toMatchObject({ status: 'deprecated' });
	});
});

describe('importCatalogue and the price in force', () => {
	it('rolls over the items it names when their next price has started', async () => {
		const rows = [row('ROLL', '10.00', '20250701'), row('ROLL', '20.00', '20990701')];
		await load(rows, '2026-11-25');
		const later = await load(rows, '2099-07-02');
		expect(later).toMatchObject({ inserted: 0, updated: 1, unchanged: 0, historyAdded: 0 });
		expect(await item('ROLL')).toMatchObject({ price: '20.00', effective_date: '2099-07-01' });
	});
});
