/**
 * Shared state for the scale seed's SQL: temp helper functions and the service catalogue (type,
 * support item, price, note texts). All of it lives in pg_temp and disappears at commit, so
 * nothing is left behind in the schema.
 */
import type { Db } from '../db';
import type { ItemCodes } from '../item-codes';
import {
	OVERNIGHT_SERVICE,
	THERAPY_SERVICES,
	WORKER_SERVICES,
	type ServiceText
} from '../demo-data/text';

/** Integers are interpolated into the generated SQL; this keeps that safe by construction. */
export function int(n: number): string {
	if (!Number.isSafeInteger(n)) throw new Error(`Not an integer: ${n}`);
	return String(n);
}

const COORDINATION: ServiceText = {
	serviceType: 'Support coordination',
	item: 'coordination',
	notes: [
		'Phone call with {name} to review the roster and upcoming appointments.',
		'Met {name} to discuss budget use and options for a new community activity.'
	],
	outcomes: ['Roster confirmed for the fortnight.', 'Referral sent to a new provider.'],
	nextSteps: ['Follow up the provider quote.', 'Book the plan review meeting.'],
	challenges: [''],
	achievements: ['']
};

export async function prepareScaleContext(db: Db, items: ItemCodes) {
	await db.query(`SET LOCAL synchronous_commit = off`);
	await db.query(`SET LOCAL work_mem = '256MB'`);
	// md5 of a row's key gives its id (shaped as a version-3, name-based UUID) and its randomness.
	await db.query(`CREATE OR REPLACE FUNCTION pg_temp.md5_uuid(m text) RETURNS uuid
		LANGUAGE sql IMMUTABLE AS $$ SELECT overlay(overlay(m PLACING '3' FROM 13) PLACING '8' FROM 17)::uuid $$`);
	await db.query(`CREATE OR REPLACE FUNCTION pg_temp.md5_int(m text, pos int) RETURNS int
		LANGUAGE sql IMMUTABLE AS $$ SELECT ('x' || substr(m, pos, 7))::bit(28)::int $$`);
	const services = Object.entries({
		w0: WORKER_SERVICES[0],
		w1: WORKER_SERVICES[1],
		w2: WORKER_SERVICES[2],
		overnight: OVERNIGHT_SERVICE,
		coordination: COORDINATION,
		...THERAPY_SERVICES
	}).map(([key, s]) => {
		if (!s) throw new Error(`Missing service text ${key}`);
		const item = items[s.item];
		return {
			key,
			service_type: s.serviceType,
			item_id: item.id,
			price: item.price,
			notes: s.notes,
			outcomes: s.outcomes,
			next_steps: s.nextSteps
		};
	});
	await db.query(
		`CREATE TEMP TABLE scale_services ON COMMIT DROP AS
		SELECT * FROM json_to_recordset($1::json) AS s(key text, service_type text, item_id uuid,
			price numeric, notes text[], outcomes text[], next_steps text[])`,
		[JSON.stringify(services)]
	);
}
