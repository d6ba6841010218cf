/**
 * The price list against the test database, which holds the 2026-27 catalogue: search by code
 * prefix and by a word of the description, filters, sorting and each item's price history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerClient } from '../../../../tests/pg';
import { ensureCatalogue } from '../seed/test-catalogue';
import { closeDb } from '../db';
import { runAs, type Actor } from '../db/context';
import * as itemCodes from './item-codes';

const WORKER: Actor = { userId: null, role: 'support_worker' };
const CODE = '01_011_0107_1_1';
const base = itemCodes.itemCodeFilters.parse({});
const list = (f: Partial<itemCodes.ItemCodeFilters>) =>
	runAs(WORKER, () => itemCodes.list({ ...base, ...f }));

// The real catalogue, imported once into the test database if no earlier test has.
beforeAll(async () => {
	const owner = await ownerClient();
	try {
		await ensureCatalogue(owner);
	} finally {
		await owner.end();
	}
}, 60_000);
afterAll(closeDb);

describe('item codes service', () => {
	it('finds an item by a prefix of its code', async () => {
		const found = await list({ q: '01_011_0107', limit: 100 });
		expect(found.data.map((i) => i.code)).toContain(CODE);
		expect(found.data.every((i) => i.code.startsWith('01_011_0107'))).toBe(true);
	});

	it('finds an item by a word of its description', async () => {
		const exact = await list({ q: CODE });
		const item = exact.data.find((i) => i.code === CODE)!;
		expect(item).toBeDefined();
		const word = item.description.match(/[A-Za-z]{5,}/)![0];
		let page = 1;
		let codes: string[] = [];
		for (;;) {
			const found = await list({ q: word, limit: 100, page });
			codes = codes.concat(found.data.map((i) => i.code));
			if (codes.includes(CODE) || page * 100 >= found.total) break;
			page += 1;
		}
		expect(codes).toContain(CODE);
	});

	it('answers money as decimal strings and an empty list for a search that matches nothing', async () => {
		const found = await list({ q: CODE });
		expect(found.data[0]!.price).toMatch(/^\d+\.\d{2}$/);
		expect((await list({ q: 'zzqqxx-nothing' })).total).toBe(0);
		expect((await list({ q: '%%' })).total).toBe(0);
	});

	it('filters by category, status and unit type', async () => {
		const core = await list({ category: 'Core', limit: 100 });
		expect(core.total).toBeGreaterThan(0);
		expect(core.data.every((i) => i.category === 'Core')).toBe(true);
		const capital = await list({ category: 'Capital', limit: 100 });
		expect(capital.data.every((i) => i.category === 'Capital')).toBe(true);
		const hours = await list({ unitType: 'Hour', status: 'active', limit: 100 });
		expect(hours.total).toBeGreaterThan(0);
		expect(hours.data.every((i) => i.unitType === 'Hour' && i.status === 'active')).toBe(true);
		const all = await list({});
		expect(core.total + capital.total).toBeLessThan(all.total + 1);
	});

	it('sorts by price and code both ways, and pages', async () => {
		const cheap = await list({ sort: 'price', limit: 20 });
		const prices = cheap.data.map((i) => Number(i.price));
		expect(prices).toEqual([...prices].sort((a, b) => a - b));
		const dear = await list({ sort: '-price', limit: 20 });
		expect(Number(dear.data[0]!.price)).toBeGreaterThanOrEqual(Number(cheap.data[19]!.price));
		const desc = await list({ sort: '-code', limit: 5 });
		const codes = desc.data.map((i) => i.code);
		expect(codes).toEqual([...codes].sort().reverse());
		const second = await list({ sort: 'code', limit: 5, page: 2 });
		const first = await list({ sort: 'code', limit: 10 });
		expect(second.data.map((i) => i.id)).toEqual(first.data.slice(5).map((i) => i.id));
	});

	it('gives an item with its price history, newest first', async () => {
		const item = (await list({ q: CODE })).data.find((i) => i.code === CODE)!;
		const detail = await runAs(WORKER, () => itemCodes.get(item.id));
		expect(detail?.code).toBe(CODE);
		expect(detail!.prices.length).toBeGreaterThan(0);
		const dates = detail!.prices.map((p) => p.effectiveDate);
		expect(dates).toEqual([...dates].sort().reverse());
		expect(await runAs(WORKER, () => itemCodes.get('00000000-0000-4000-8000-000000000000'))).toBe(
			null
		);
	});

	it('refuses filters it does not know', () => {
		expect(itemCodes.itemCodeFilters.safeParse({ limit: '500' }).success).toBe(false);
		expect(itemCodes.itemCodeFilters.safeParse({ sort: 'price; drop' }).success).toBe(false);
		expect(itemCodes.itemCodeFilters.safeParse({ status: 'gone' }).success).toBe(false);
	});
});
