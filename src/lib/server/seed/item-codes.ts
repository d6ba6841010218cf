/**
 * The support items the seeds bill, read from the imported NDIS Support Catalogue: real codes
 * where the catalogue has them, otherwise any active hourly item of the same kind, so a newer or
 * older catalogue still seeds. Prices always come from the table, never from this file.
 */
import type { Db } from './db';
import { toCents } from './money';

export const MISSING_CATALOGUE_MESSAGE =
	'No NDIS item codes: run npm run catalogue:import -- data/ndis/support-catalogue-2026-27-v1.0.csv first';

export class MissingCatalogueError extends Error {
	constructor(message = MISSING_CATALOGUE_MESSAGE) {
		super(message);
		this.name = 'MissingCatalogueError';
	}
}

interface ItemWanted {
	codes: string[];
	/** Fallback: the catalogue's support category number (1 = daily life, 15 = daily living skills…). */
	categories: number[];
}

const WANTED = {
	selfCare: { codes: ['01_011_0107_1_1'], categories: [1] },
	overnight: { codes: ['01_002_0107_1_1', '01_011_0107_1_1'], categories: [1] },
	community: { codes: ['04_104_0125_6_1'], categories: [4] },
	skills: { codes: ['15_037_0117_1_3'], categories: [15] },
	coordination: { codes: ['07_002_0106_8_3'], categories: [7] },
	therapy: { codes: ['15_056_0128_1_3', '15_054_0128_1_3'], categories: [15] }
} satisfies Record<string, ItemWanted>;

export type ItemKey = keyof typeof WANTED;

export interface ItemCode {
	id: string;
	code: string;
	description: string;
	price: string;
	priceCents: number;
}

export type ItemCodes = Record<ItemKey, ItemCode>;

interface ItemRow {
	id: string;
	code: string;
	description: string;
	price: string;
}

// Hourly items only: the seeds bill hours. The importer may keep the catalogue's 'H' or spell it out.
const HOURLY = `status = 'active' AND price > 0 AND lower(unit_type) IN ('h', 'hour', 'hours', 'hourly')`;

async function findItem(db: Db, wanted: ItemWanted): Promise<ItemRow | undefined> {
	const byCode = await db.query<ItemRow>(
		`SELECT id, code, description, price::text AS price FROM ndis_item_codes
		WHERE code = ANY($1::text[]) AND ${HOURLY} ORDER BY array_position($1::text[], code::text) LIMIT 1`,
		[wanted.codes]
	);
	if (byCode.rows[0]) return byCode.rows[0];
	const byCategory = await db.query<ItemRow>(
		`SELECT id, code, description, price::text AS price FROM ndis_item_codes
		WHERE ${HOURLY} AND (support_category_number = ANY($1::int[])
			OR split_part(code, '_', 1) = ANY($2::text[]))
		ORDER BY code LIMIT 1`,
		[wanted.categories, wanted.categories.map((c) => String(c).padStart(2, '0'))]
	);
	if (byCategory.rows[0]) return byCategory.rows[0];
	const any = await db.query<ItemRow>(
		`SELECT id, code, description, price::text AS price FROM ndis_item_codes
		WHERE ${HOURLY} ORDER BY code LIMIT 1`
	);
	return any.rows[0];
}

export async function loadItemCodes(db: Db): Promise<ItemCodes> {
	const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ndis_item_codes');
	if (!count.rows[0]?.n) throw new MissingCatalogueError();
	const found: Partial<ItemCodes> = {};
	for (const [key, wanted] of Object.entries(WANTED) as [ItemKey, ItemWanted][]) {
		const row = await findItem(db, wanted);
		if (!row) {
			throw new MissingCatalogueError(
				'The NDIS item codes hold no active hourly items: import a current Support Catalogue first'
			);
		}
		found[key] = { ...row, priceCents: toCents(row.price) };
	}
	return found as ItemCodes;
}
