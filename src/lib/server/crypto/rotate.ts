/**
 * Key rotation: re-encrypts every encrypted participant field, and the same fields inside the
 * audit trail's old/new values, with the current key. Runs as the schema owner (the app role may
 * not touch the trail). Re-sealing changes ciphertext, not information, so the audit trigger
 * stands aside (bulk load) and the rotation is recorded as one 'keys.rotate' audit row instead.
 */
import type pg from 'pg';
import { decrypt, encrypt, isEncrypted, keyIdOf, type Keyring } from './fields';
import { ENCRYPTED_PARTICIPANT_COLUMNS } from './keyring';

const BATCH = 500;
type Values = Record<string, unknown> | null;

/** A value needs sealing again when it is plaintext or sealed by any key but the current one. */
function stale(keyring: Keyring, value: unknown): value is string {
	return (
		typeof value === 'string' &&
		value !== '' &&
		(!isEncrypted(value) || keyIdOf(value) !== keyring.current.id)
	);
}

function reseal(keyring: Keyring, value: string): string {
	return encrypt(keyring, decrypt(keyring, value));
}

function resealValues(keyring: Keyring, values: Values): Values {
	if (!values) return values;
	let changed = false;
	const next = { ...values };
	for (const column of ENCRYPTED_PARTICIPANT_COLUMNS) {
		const value = next[column];
		if (stale(keyring, value)) {
			next[column] = reseal(keyring, value);
			changed = true;
		}
	}
	return changed ? next : values;
}

export async function rotateKeys(client: pg.Client, keyring: Keyring) {
	const columns = ENCRYPTED_PARTICIPANT_COLUMNS;
	let participants = 0;
	let auditRows = 0;
	await client.query('BEGIN');
	try {
		await client.query(`SET LOCAL app.bulk_load = 'on'`);
		const { rows } = await client.query<Record<string, string | null> & { id: string }>(
			`SELECT id, ${columns.join(', ')} FROM participants FOR UPDATE`
		);
		for (const row of rows) {
			const updates = columns.filter((c) => stale(keyring, row[c]));
			if (updates.length === 0) continue;
			const sets = updates.map((c, i) => `${c} = $${i + 2}`).join(', ');
			await client.query(`UPDATE participants SET ${sets} WHERE id = $1`, [
				row.id,
				...updates.map((c) => reseal(keyring, row[c]!))
			]);
			participants++;
		}

		// created_at travels as text: a JavaScript Date would drop its microseconds and miss the row.
		let after: { created_at: string; id: string } | null = null;
		for (;;) {
			const page: pg.QueryResult<{
				id: string;
				created_at: string;
				old_values: Values;
				new_values: Values;
			}> = await client.query(
				`SELECT id, created_at::text AS created_at, old_values, new_values FROM audit_logs
					WHERE table_name = 'participants'
						AND (old_values ?| $1 OR new_values ?| $1)
						AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
					ORDER BY created_at, id LIMIT ${BATCH}`,
				[columns, after?.created_at ?? null, after?.id ?? null]
			);
			for (const row of page.rows) {
				const oldValues = resealValues(keyring, row.old_values);
				const newValues = resealValues(keyring, row.new_values);
				if (oldValues === row.old_values && newValues === row.new_values) continue;
				await client.query(
					`UPDATE audit_logs SET old_values = $3, new_values = $4 WHERE id = $1 AND created_at = $2::timestamptz`,
					[row.id, row.created_at, oldValues, newValues]
				);
				auditRows++;
			}
			const last = page.rows.at(-1);
			if (!last || page.rows.length < BATCH) break;
			after = { created_at: last.created_at, id: last.id };
		}

		await client.query(
			`INSERT INTO audit_logs (action, table_name, new_values) VALUES ('keys.rotate', 'participants', $1)`,
			[{ keyId: keyring.current.id, participants, auditRows }]
		);
		await client.query('COMMIT');
	} catch (err) {
		await client.query('ROLLBACK');
		throw err;
	}
	return { keyId: keyring.current.id, participants, auditRows };
}
