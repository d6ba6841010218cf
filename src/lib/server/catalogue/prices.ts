/**
 * The price in force. ndis_item_codes carries each item's current price so that reads need no
 * history lookup; it must equal the ndis_item_code_prices row with the latest effective date on
 * or before today in Sydney, or the earliest one when all are in the future (an item announced
 * before it starts still needs a price). Prices change on dates that pass with nobody importing
 * anything, above all 1 July, so refreshCurrentPrices is meant to run daily; the importer runs
 * the same statement for the codes it touched.
 */
import type pg from 'pg';
import { catalogueToday } from './cells';

/** The item columns that come from the history row in force, status aside. */
export const CURRENT_PRICE_COLUMNS = [
	'effective_date',
	'end_date',
	'price',
	'remote_price',
	'very_remote_price'
] as const;

/** Writers of prices take this, so a refresh cannot interleave with an import of new history. */
export const LOCK_PRICES = `SELECT pg_advisory_xact_lock(hashtext('ndis catalogue import'))`;

/**
 * ORDER BY terms putting the row in force on $1 first among one item's dated rows: past before
 * future, then nearest to $1 (the latest past row, or the earliest future one).
 */
export const inForceOrder = (column: string) => `${column} > $1::date, abs(${column} - $1::date)`;

/** Per item, the history row in force on $1; `scope` is a condition on p, the history row. */
export const inForce = (scope = 'true') => `
	SELECT DISTINCT ON (p.ndis_item_code_id) p.* FROM ndis_item_code_prices p
	WHERE ${scope}
	ORDER BY p.ndis_item_code_id, ${inForceOrder('p.effective_date')}`;

// An ended price leaves the item inactive; deprecated comes from a legacy sheet, not the price.
const STATUS = `CASE WHEN c.status = 'deprecated' THEN c.status
	WHEN f.end_date IS NULL OR f.end_date >= $1::date THEN 'active'::item_code_status
	ELSE 'inactive'::item_code_status END`;

const refresh = (scope?: string) => `
	WITH f AS (${inForce(scope)})
	UPDATE ndis_item_codes c SET
		${CURRENT_PRICE_COLUMNS.map((col) => `${col} = f.${col}`).join(', ')}, status = ${STATUS}
	FROM f
	WHERE c.id = f.ndis_item_code_id
		AND (${CURRENT_PRICE_COLUMNS.map((col) => `c.${col}`).join(', ')}, c.status)
			IS DISTINCT FROM (${CURRENT_PRICE_COLUMNS.map((col) => `f.${col}`).join(', ')}, ${STATUS})
	RETURNING c.code`;

/**
 * Brings the current price of the items whose history `scope` selects to the row in force on
 * `today`; returns the codes that changed. For callers that already hold LOCK_PRICES.
 */
export async function refreshPricesWhere(
	client: pg.ClientBase,
	today: string,
	scope: string
): Promise<string[]> {
	const { rows } = await client.query<{ code: string }>(refresh(scope), [today]);
	return rows.map((r) => r.code);
}

/**
 * Brings every item's current price to the history row in force on `today` (YYYY-MM-DD,
 * default today in Sydney) and returns how many items changed. `client` must not be inside a
 * transaction.
 */
export async function refreshCurrentPrices(
	client: pg.ClientBase,
	today = catalogueToday()
): Promise<number> {
	await client.query('BEGIN');
	try {
		await client.query(LOCK_PRICES);
		const { rowCount } = await client.query(refresh(), [today]);
		await client.query('COMMIT');
		return rowCount ?? 0;
	} catch (err) {
		await client.query('ROLLBACK');
		throw err;
	}
}
