/**
 * Participants' health and support details are ciphertext in the database, in the audit trail
 * too, and plaintext in the app; keys:rotate re-seals all of it with a new key.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, createUser } from '../../../../tests/fixtures';
import { ownerClient } from '../../../../tests/pg';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM, type Actor } from '../db/context';
import { Participant } from '../db/models';
import { createKeyring, keyIdOf } from './fields';
import { keyring, useKeyring } from './keyring';
import { rotateKeys } from './rotate';

const SECRET = 'Type 1 diabetes; insulin pump; hypo plan in the kitchen drawer';
let owner: pg.Client;
let actor: Actor;
// Whatever this process started with (the development key, or .env's ENCRYPTION_KEY).
const original = keyring();
const secretsOf = (ring: ReturnType<typeof keyring>) =>
	[...ring.all.values()].map((k) => k.secret.toString('base64'));

beforeAll(async () => {
	owner = await ownerClient();
	const coordinator = await runAs(SYSTEM, () => tx(() => createUser('support_coordinator')));
	actor = { userId: coordinator.id, role: 'support_coordinator' };
});
afterAll(async () => {
	// Leave the shared test database sealed with the key it started with.
	const back = createKeyring(original.current.secret.toString('base64'), secretsOf(keyring()));
	await rotateKeys(owner, back);
	useKeyring(original);
	await owner.end();
	await closeDb();
});

async function stored(id: string) {
	const { rows } = await owner.query<{ medical_info: string; notes: string }>(
		`SELECT medical_info, notes FROM participants WHERE id = $1`,
		[id]
	);
	return rows[0]!;
}

async function auditedMedicalInfo(id: string): Promise<string> {
	const { rows } = await owner.query<{ v: string }>(
		`SELECT new_values->>'medical_info' AS v FROM audit_logs WHERE record_id = $1 AND action = 'insert'`,
		[id]
	);
	return rows[0]!.v;
}

describe('encryption at rest', () => {
	it('stores ciphertext, audits ciphertext, and reads back plaintext', async () => {
		const created = await runAs(actor, () =>
			tx(() => createParticipant(actor.userId, { medicalInfo: SECRET, notes: 'Prefers mornings' }))
		);
		const row = await stored(created.id);
		expect(row.medical_info).toMatch(/^enc:v1:/);
		expect(row.medical_info).not.toContain('insulin');
		expect(row.notes).not.toContain('mornings');
		expect(await auditedMedicalInfo(created.id)).toMatch(/^enc:v1:/);

		const read = await runAs(actor, () => tx(() => Participant.findByPk(created.id)));
		expect(read?.medicalInfo).toBe(SECRET);
		expect(read?.notes).toBe('Prefers mornings');
	});

	it('re-encrypts participants and the audit trail with a new key on rotation', async () => {
		const created = await runAs(actor, () =>
			tx(() => createParticipant(actor.userId, { medicalInfo: SECRET }))
		);
		const oldId = keyring().current.id;
		expect(keyIdOf((await stored(created.id)).medical_info)).toBe(oldId);

		const newKey = randomBytes(32).toString('base64');
		const next = createKeyring(newKey, secretsOf(original));
		const result = await rotateKeys(owner, next);
		useKeyring(next);

		expect(result.participants).toBeGreaterThan(0);
		expect(keyIdOf((await stored(created.id)).medical_info)).toBe(next.current.id);
		expect(keyIdOf(await auditedMedicalInfo(created.id))).toBe(next.current.id);
		const read = await runAs(actor, () => tx(() => Participant.findByPk(created.id)));
		expect(read?.medicalInfo).toBe(SECRET);
		// Nothing is left that only the old key could open.
		const { rows } = await owner.query(
			`SELECT 1 FROM participants WHERE medical_info LIKE $1 OR notes LIKE $1 OR support_needs LIKE $1`,
			[`enc:v1:${oldId}:%`]
		);
		expect(rows).toEqual([]);
	});
});
