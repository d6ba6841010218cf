/**
 * Applies a parsed catalogue to ndis_item_codes (the price in force) and ndis_item_code_prices
 * (history), in one transaction of a few set-based statements whatever the file's size.
 *
 * History is written first; the item then takes its details from the file only when the file has
 * the row now in force (prices.ts), and its price from that history row. So importing last year's
 * catalogue after this year's adds history without touching the current item, and importing next
 * year's in June records it without applying it early.
 */
import type pg from 'pg';
import { catalogueToday } from './cells';
import {
	CURRENT_PRICE_COLUMNS,
	inForce,
	inForceOrder,
	LOCK_PRICES,
	refreshPricesWhere
} from './prices';
import type { CatalogueLayout, ParsedCatalogue, RowError } from './types';

export interface ImportSummary {
	layout: CatalogueLayout;
	rowsRead: number;
	/** Item codes created, changed or left as they were (one count per distinct code). */
	inserted: number;
	updated: number;
	unchanged: number;
	historyAdded: number;
	/** History rows on an existing date whose price changed (e.g. a corrected release). */
	historyUpdated: number;
	errors: RowError[];
	dryRun: boolean;
}

export interface ImportOptions {
	/** Recorded on each history row, e.g. the file name. */
	source?: string;
	/** YYYY-MM-DD; decides which history row is in force. */
	today?: string;
}

type Counts = Pick<ImportSummary, 'inserted' | 'updated' | 'historyAdded' | 'historyUpdated'>;

/** Item columns that describe the item rather than its price. */
const DETAIL_COLUMNS = [
	'description',
	'category',
	'unit_type',
	'status',
	'support_category_number',
	'support_category_name',
	'registration_group_number',
	'registration_group_name',
	'quote_required'
] as const;
const ITEM_COLUMNS = [...DETAIL_COLUMNS, ...CURRENT_PRICE_COLUMNS];
const PRICE_COLUMNS = ['end_date', 'price', 'remote_price', 'very_remote_price'] as const;

const list = (cols: readonly string[], prefix = '') => cols.map((c) => prefix + c).join(', ');

const STAGE = `
	CREATE TEMP TABLE catalogue_import (
		code varchar(50) NOT NULL, description text NOT NULL, category varchar(100) NOT NULL,
		unit_type varchar(50) NOT NULL, price numeric(8,2) NOT NULL, effective_date date NOT NULL,
		status item_code_status NOT NULL, support_category_number smallint,
		support_category_name varchar(255), registration_group_number varchar(10),
		registration_group_name varchar(255), quote_required boolean NOT NULL, end_date date,
		remote_price numeric(8,2), very_remote_price numeric(8,2)
	) ON COMMIT DROP`;

// Prices travel as JSON strings, which Postgres reads straight into numeric: no float on the way.
const LOAD = `
	INSERT INTO catalogue_import (code, ${list(ITEM_COLUMNS)})
	SELECT code, ${list(ITEM_COLUMNS)}
	FROM jsonb_to_recordset($1::jsonb) AS r(
		code text, description text, category text, unit_type text, price numeric,
		effective_date date, status item_code_status, support_category_number smallint,
		support_category_name text, registration_group_number text, registration_group_name text,
		quote_required boolean, end_date date, remote_price numeric, very_remote_price numeric)`;

// An item created outside this importer may have no history row for its current price; add it,
// or an older catalogue imported now would leave history without the price in force.
const BACKFILL = `
	INSERT INTO ndis_item_code_prices (ndis_item_code_id, effective_date, ${list(PRICE_COLUMNS)}, source)
	SELECT c.id, c.effective_date, ${list(PRICE_COLUMNS, 'c.')}, 'ndis_item_codes'
	FROM ndis_item_codes c
	WHERE c.code IN (SELECT code FROM catalogue_import)
		AND NOT EXISTS (SELECT 1 FROM catalogue_import i
			WHERE i.code = c.code AND i.effective_date = c.effective_date)
	ON CONFLICT (ndis_item_code_id, effective_date) DO NOTHING`;

// New items need an id before their history; with no other history, the file's row in force is
// the item's row in force, so the steps after this one leave them as inserted.
const INSERT_NEW = `
	INSERT INTO ndis_item_codes (code, ${list(ITEM_COLUMNS)})
	SELECT DISTINCT ON (code) code, ${list(ITEM_COLUMNS)} FROM catalogue_import
	ORDER BY code, ${inForceOrder('effective_date')}
	ON CONFLICT (code) DO NOTHING
	RETURNING code`;

const UPSERT_HISTORY = `
	WITH incoming AS (
		SELECT c.id, i.* FROM catalogue_import i JOIN ndis_item_codes c USING (code)
	), existed AS (
		SELECT p.ndis_item_code_id, p.effective_date FROM ndis_item_code_prices p
		JOIN incoming n ON n.id = p.ndis_item_code_id AND n.effective_date = p.effective_date
	), written AS (
		INSERT INTO ndis_item_code_prices (ndis_item_code_id, effective_date, ${list(PRICE_COLUMNS)}, source)
		SELECT id, effective_date, ${list(PRICE_COLUMNS)}, $1 FROM incoming
		ON CONFLICT (ndis_item_code_id, effective_date) DO UPDATE SET
			${PRICE_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, source = EXCLUDED.source
		WHERE (${list(PRICE_COLUMNS, 'ndis_item_code_prices.')})
			IS DISTINCT FROM (${list(PRICE_COLUMNS, 'EXCLUDED.')})
		RETURNING ndis_item_code_id, effective_date
	)
	SELECT count(*) FILTER (WHERE e.ndis_item_code_id IS NULL)::int AS added,
		count(*) FILTER (WHERE e.ndis_item_code_id IS NOT NULL)::int AS updated
	FROM written w LEFT JOIN existed e USING (ndis_item_code_id, effective_date)`;

/** History of the items this file names, as a condition on p, a ndis_item_code_prices row. */
const STAGED = `p.ndis_item_code_id IN (SELECT id FROM ndis_item_codes
	WHERE code IN (SELECT code FROM catalogue_import))`;

// Details follow the catalogue that holds the row in force: a description from an older file
// must not replace the current one.
const UPDATE_DETAILS = `
	WITH f AS (${inForce(STAGED)})
	UPDATE ndis_item_codes c SET ${DETAIL_COLUMNS.map((col) => `${col} = i.${col}`).join(', ')}
	FROM f JOIN catalogue_import i ON i.effective_date = f.effective_date
	WHERE c.id = f.ndis_item_code_id AND i.code = c.code
		AND (${list(DETAIL_COLUMNS, 'c.')}) IS DISTINCT FROM (${list(DETAIL_COLUMNS, 'i.')})
	RETURNING c.code`;

/**
 * The whole write path. Runs inside the caller's transaction so that it can later be wrapped
 * with row-level security settings and an audit trail.
 */
export async function applyCatalogue(
	client: pg.ClientBase,
	catalogue: ParsedCatalogue,
	options: ImportOptions = {}
): Promise<Counts> {
	const payload = catalogue.rows.map((r) => ({
		code: r.code,
		description: r.description,
		category: r.category,
		unit_type: r.unitType,
		price: r.price,
		effective_date: r.effectiveDate,
		status: r.status,
		support_category_number: r.supportCategoryNumber,
		support_category_name: r.supportCategoryName,
		registration_group_number: r.registrationGroupNumber,
		registration_group_name: r.registrationGroupName,
		quote_required: r.quoteRequired,
		end_date: r.endDate,
		remote_price: r.remotePrice,
		very_remote_price: r.veryRemotePrice
	}));
	const today = options.today ?? catalogueToday();
	// Two imports at once would race on the same codes; the second waits for the first.
	await client.query(LOCK_PRICES);
	await client.query(STAGE);
	await client.query(LOAD, [JSON.stringify(payload)]);
	const backfilled = await client.query(BACKFILL);
	const inserted = await client.query<{ code: string }>(INSERT_NEW, [today]);
	const history = await client.query<{ added: number; updated: number }>(UPSERT_HISTORY, [
		(options.source ?? 'catalogue import').slice(0, 255)
	]);
	const details = await client.query<{ code: string }>(UPDATE_DETAILS, [today]);
	const repriced = await refreshPricesWhere(client, today, STAGED);
	// An item whose details and price both changed counts once; a new item is not also updated.
	const changed = new Set([...details.rows.map((r) => r.code), ...repriced]);
	for (const { code } of inserted.rows) changed.delete(code);
	return {
		inserted: inserted.rows.length,
		updated: changed.size,
		historyAdded: (backfilled.rowCount ?? 0) + (history.rows[0]?.added ?? 0),
		historyUpdated: history.rows[0]?.updated ?? 0
	};
}

async function run(
	client: pg.ClientBase,
	catalogue: ParsedCatalogue,
	options: ImportOptions,
	dryRun: boolean
): Promise<ImportSummary> {
	await client.query('BEGIN');
	let counts: Counts;
	try {
		counts = await applyCatalogue(client, catalogue, options);
	} catch (err) {
		await client.query('ROLLBACK');
		throw err;
	}
	await client.query(dryRun ? 'ROLLBACK' : 'COMMIT');
	const codes = new Set(catalogue.rows.map((r) => r.code)).size;
	return {
		layout: catalogue.layout,
		rowsRead: catalogue.rowsRead,
		...counts,
		unchanged: codes - counts.inserted - counts.updated,
		errors: catalogue.errors,
		dryRun
	};
}

/** Imports the catalogue and commits. `client` must not be inside a transaction. */
export function importCatalogue(
	client: pg.ClientBase,
	catalogue: ParsedCatalogue,
	options: ImportOptions = {}
): Promise<ImportSummary> {
	return run(client, catalogue, options, false);
}

/** What importCatalogue would change: the same statements, rolled back. */
export function previewCatalogue(
	client: pg.ClientBase,
	catalogue: ParsedCatalogue,
	options: ImportOptions = {}
): Promise<ImportSummary> {
	return run(client, catalogue, options, true);
}
