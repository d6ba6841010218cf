/**
 * The database refuses what the spec forbids, and describeDbError turns each refusal into a
 * message a user can act on (which field, why), never a raw PostgreSQL error.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, createUser, unique } from '../../../../tests/fixtures';
import { closeDb, connectAsOwner } from './index';
import { describeDbError } from './errors';
import { Invoice, Participant, User } from './models';

async function refusal(action: () => Promise<unknown>) {
	try {
		await action();
	} catch (err) {
		return describeDbError(err);
	}
	throw new Error('expected the database to refuse this');
}

let coordinator: User;

beforeAll(async () => {
	connectAsOwner();
	coordinator = await createUser('support_coordinator');
});
afterAll(closeDb);

describe('constraints', () => {
	it('refuses a duplicate NDIS number, naming the field', async () => {
		const first = await createParticipant(coordinator.id);
		const failure = await refusal(() =>
			createParticipant(coordinator.id, { ndisNumber: first.ndisNumber })
		);
		expect(failure).toMatchObject({
			status: 409,
			code: 'duplicate',
			fields: { ndisNumber: 'is already registered to another participant' }
		});
		expect(await Participant.count({ where: { ndisNumber: first.ndisNumber } })).toBe(1);
	});

	it('refuses a duplicate email', async () => {
		const email = `${unique('dup')}@test.example`;
		await createUser('support_worker', { email });
		const failure = await refusal(() => createUser('support_worker', { email }));
		expect(failure?.fields).toEqual({ email: 'is already used by another account' });
	});

	it('refuses a duplicate invoice number', async () => {
		const participant = await createParticipant(coordinator.id);
		const invoice = {
			invoiceNumber: unique('INV'),
			participantId: participant.id,
			staffId: coordinator.id,
			issueDate: '2026-11-01',
			dueDate: '2026-11-15',
			subtotal: '100.00',
			gstAmount: '0.00',
			totalAmount: '100.00',
			notes: null,
			sentAt: null,
			paidAt: null
		};
		await Invoice.create(invoice);
		const failure = await refusal(() => Invoice.create(invoice));
		expect(failure?.fields).toEqual({ invoiceNumber: 'is already used by another invoice' });
	});

	it('refuses a missing required field, in the model and in the database', async () => {
		const viaModel = await refusal(() =>
			createParticipant(coordinator.id, { name: null as unknown as string })
		);
		expect(viaModel).toMatchObject({ status: 400, fields: { name: 'is required' } });

		const sequelize = Participant.sequelize!;
		const viaSql = await refusal(() =>
			sequelize.query(`INSERT INTO participants (ndis_number) VALUES ('439999999')`)
		);
		expect(viaSql).toMatchObject({ status: 400, fields: { name: 'is required' } });
	});

	it('refuses a value outside an enum', async () => {
		const viaModel = await refusal(() =>
			createParticipant(coordinator.id, { status: 'archived' as 'active' })
		);
		expect(viaModel).toMatchObject({
			status: 400,
			fields: { status: '"archived" is not one of active, inactive, pending' }
		});

		const viaSql = await refusal(() =>
			User.sequelize!.query(
				`INSERT INTO users (email, password_hash, name, role) VALUES ('x@test.example', 'x', 'X', 'janitor')`
			)
		);
		expect(viaSql).toMatchObject({ status: 400, code: 'validation' });
		expect(viaSql?.fields?.role).toMatch(/"janitor" is not one of super_admin/);
	});

	it('refuses a reference to a record that does not exist', async () => {
		const failure = await refusal(() => createParticipant(randomUUID()));
		expect(failure).toMatchObject({
			status: 400,
			fields: { createdBy: 'refers to a record that does not exist' }
		});
	});

	it('refuses to delete a user who is part of the care record', async () => {
		const author = await createUser('support_coordinator');
		await createParticipant(author.id);
		const failure = await refusal(() => author.destroy());
		expect(failure).toMatchObject({ status: 409, code: 'conflict' });
		expect(await User.count({ where: { id: author.id } })).toBe(1);
	});

	it('refuses plan dates in the wrong order and negative budgets', async () => {
		const dates = await refusal(() =>
			createParticipant(coordinator.id, { planStartDate: '2026-07-01', planEndDate: '2026-06-30' })
		);
		expect(dates?.fields).toEqual({ planEndDate: 'must be after the plan start date' });
		const budget = await refusal(() => createParticipant(coordinator.id, { totalBudget: '-1.00' }));
		expect(budget?.fields).toEqual({ totalBudget: 'cannot be negative' });
	});
});
