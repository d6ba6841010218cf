/**
 * The audit trail, written by the database in the same transaction as each change: exactly one
 * row per insert, update and delete, with who, where from and the right diff; none when the change
 * is rolled back; and the app role can neither change nor delete a row of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, createUser } from '../../../../tests/fixtures';
import { closeDb, db, tx } from '../db';
import { runAs, SYSTEM, type Actor } from '../db/context';
import { AuditLog, Participant, type User } from '../db/models';
import { AUDITED_TABLES } from '../../../../migrations/0009_identity';

let coordinator: User;
let actor: Actor;

beforeAll(async () => {
	coordinator = await runAs(SYSTEM, () => tx(() => createUser('support_coordinator')));
	actor = {
		userId: coordinator.id,
		role: 'support_coordinator',
		ip: '203.0.113.7',
		userAgent: 'audit-test'
	};
});
afterAll(closeDb);

const trailOf = (recordId: string) =>
	runAs(SYSTEM, () =>
		tx(() => AuditLog.findAll({ where: { recordId }, order: [['createdAt', 'ASC']] }))
	);

describe('audit trail', () => {
	it('watches every data table', async () => {
		const [rows] = (await db().query(
			`SELECT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
			WHERE t.tgname = c.relname || '_audit'`
		)) as [{ table: string }[], unknown];
		const watched = new Set(rows.map((r) => r.table));
		for (const table of AUDITED_TABLES) expect(watched.has(table), table).toBe(true);
		// Everything the spec lists except the trail itself, plus assignments and price history.
		expect(AUDITED_TABLES).toHaveLength(16);
	});

	it('records an insert, an update (only what changed) and a delete, one row each', async () => {
		const participant = await runAs(actor, () =>
			tx(() => createParticipant(coordinator.id, { phone: '0400 000 001' }))
		);
		await runAs(actor, () => tx(() => participant.update({ phone: '0400 000 002' })));
		await runAs(actor, () => tx(() => participant.update({ phone: '0400 000 002' })));

		const trail = await trailOf(participant.id);
		expect(trail.map((r) => r.action)).toEqual(['insert', 'update']);
		const [created, updated] = trail;
		expect(created).toMatchObject({
			userId: coordinator.id,
			tableName: 'participants',
			ipAddress: '203.0.113.7',
			userAgent: 'audit-test',
			oldValues: null
		});
		expect(created!.newValues).toMatchObject({ ndis_number: participant.ndisNumber });
		expect(updated!.oldValues).toEqual({ phone: '0400 000 001' });
		expect(updated!.newValues).toEqual({ phone: '0400 000 002' });
	});

	it('records a delete with the old values', async () => {
		// Only a super admin or the system may create or remove an account (migrations/0013).
		const user = await runAs(SYSTEM, () => tx(() => createUser('support_worker')));
		await runAs(SYSTEM, () => tx(() => user.destroy()));
		const trail = await trailOf(user.id);
		expect(trail.map((r) => r.action)).toEqual(['insert', 'delete']);
		expect(trail[1]!.oldValues).toMatchObject({ email: user.email });
		// The password hash never enters the trail.
		expect(trail[1]!.oldValues).toMatchObject({ password_hash: '[redacted]' });
	});

	it('writes nothing when the change is rolled back', async () => {
		let id = '';
		await expect(
			runAs(actor, () =>
				tx(async () => {
					const participant = await createParticipant(coordinator.id);
					id = participant.id;
					throw new Error('changed my mind');
				})
			)
		).rejects.toThrow('changed my mind');
		expect(id).not.toBe('');
		expect(await trailOf(id)).toEqual([]);
		expect(await runAs(actor, () => tx(() => Participant.count({ where: { id } })))).toBe(0);
	});

	it('cannot be changed or deleted by the app role', async () => {
		const participant = await runAs(actor, () => tx(() => createParticipant(coordinator.id)));
		const sequelize = db();
		await expect(
			runAs(actor, () =>
				tx(() =>
					sequelize.query(`UPDATE audit_logs SET action = 'nothing' WHERE record_id = $1`, {
						bind: [participant.id]
					})
				)
			)
		).rejects.toThrow(/permission denied/);
		await expect(
			runAs(actor, () =>
				tx(() =>
					sequelize.query(`DELETE FROM audit_logs WHERE record_id = $1`, { bind: [participant.id] })
				)
			)
		).rejects.toThrow(/permission denied/);
		expect(await trailOf(participant.id)).toHaveLength(1);
	});
});
