/**
 * Overdue invoices as finance sees them: an invoice due today is not overdue until midnight in
 * Sydney; paid and draft ones never are; every active super admin hears of each invoice once
 * (a run with many arrives as one summary); the live push reaches managers, never a wall display.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../tests/jobs';
import { startLive, type Live } from '../../tests/live';
import { ownerClient } from '../../tests/pg';
import { ndisNumber, unique } from '../../tests/fixtures';
import { closeDb } from '../lib/server/db';
import { runAs, SYSTEM } from '../lib/server/db/context';
import { markOverdueInvoices } from '../lib/server/invoices/overdue';
import { closeRedis } from '../lib/server/redis';
import * as displayTokens from '../lib/server/wall/tokens';

let db: pg.Client;
let live: Live;
let participant: string;
let staff: string;

async function insertUser(role: string, active = true) {
	const { rows } = await db.query<{ id: string }>(
		`INSERT INTO users (email, password_hash, name, role, is_active) VALUES ($1, 'x', $2, $3, $4) RETURNING id`,
		[`${unique('overdue')}@test.example`, `Overdue ${role}`, role, active]
	);
	return rows[0]!.id;
}

async function insertInvoice(due: string, status = 'sent', total = '110.00') {
	const number = unique('INV-OD');
	const { rows } = await db.query<{ id: string }>(
		`INSERT INTO invoices (invoice_number, participant_id, staff_id, issue_date, due_date, subtotal,
			gst_amount, total_amount, status, sent_at, paid_at)
		VALUES ($1, $2, $3, $4::date - 14, $4, $5, 0, $5, $6::invoice_status,
			CASE WHEN $6 <> 'draft' THEN now() END, CASE WHEN $6 = 'paid' THEN now() END) RETURNING id`,
		[number, participant, staff, due, total, status]
	);
	return { id: rows[0]!.id, number };
}

async function statusOf(id: string) {
	const { rows } = await db.query<{ status: string }>(
		`SELECT status::text FROM invoices WHERE id = $1`,
		[id]
	);
	return rows[0]?.status;
}

async function titlesFor(userId: string) {
	const { rows } = await db.query<{ title: string }>(
		`SELECT title FROM notifications WHERE user_id = $1 ORDER BY created_at, title`,
		[userId]
	);
	return rows.map((r) => r.title);
}

const run = (asOf?: Date) => runAs(SYSTEM, () => markOverdueInvoices({ asOf }));

beforeAll(async () => {
	db = await ownerClient();
	live = await startLive();
	staff = await insertUser('support_coordinator');
	const { rows } = await db.query<{ id: string }>(
		`INSERT INTO participants (ndis_number, name) VALUES ($1, 'Olive Overdue') RETURNING id`,
		[ndisNumber()]
	);
	participant = rows[0]!.id;
	// Whatever earlier tests left past due is caught up first, so each run moves only ours.
	await run();
});

afterAll(async () => {
	await live.close();
	await db.end();
	await closeRedis();
	await closeDb();
});

describe('the overdue sweep', () => {
	it('marks a sent invoice overdue from midnight in Sydney after its due date', async () => {
		const due = await insertInvoice('2026-11-20');
		const nextDay = await insertInvoice('2026-11-21');
		const paid = await insertInvoice('2026-11-01', 'paid');
		const draft = await insertInvoice('2026-11-01', 'draft');
		// 23:59:59 on 20 November in Sydney (AEDT): due today, not overdue.
		expect((await run(new Date('2026-11-20T12:59:59Z'))).overdue).toBe(0);
		expect(await statusOf(due.id)).toBe('sent');
		expect((await run(new Date('2026-11-20T13:00:00Z'))).overdue).toBe(1);
		expect(await statusOf(due.id)).toBe('overdue');
		expect(await statusOf(nextDay.id)).toBe('sent');
		expect(await statusOf(paid.id)).toBe('paid');
		expect(await statusOf(draft.id)).toBe('draft');
		await run(new Date('2026-11-21T13:00:00Z'));
		expect(await statusOf(nextDay.id)).toBe('overdue');
	});

	it('tells every active super admin once, and pushes the change to managers only', async () => {
		const admin = await insertUser('super_admin');
		const retired = await insertUser('super_admin', false);
		const coordinator = await insertUser('support_coordinator');
		const worker = await insertUser('support_worker');
		const sockets = {
			coordinator: await live.connect({ userId: coordinator }),
			worker: await live.connect({ userId: worker }),
			wall: await live.connect({
				displayToken: (await runAs(SYSTEM, () => displayTokens.create('Finance wall'))).token
			})
		};
		for (const s of Object.values(sockets)) expect(await s.ready).toBe('connected');

		const invoice = await insertInvoice('2026-11-02', 'sent', '1234.50');
		await run();
		await run();
		expect(await titlesFor(admin)).toEqual([`Invoice overdue: ${invoice.number}`]);
		expect(await titlesFor(retired)).toEqual([]);
		expect(await titlesFor(coordinator)).toEqual([]);
		const { rows } = await db.query<{ message: string }>(
			`SELECT message FROM notifications WHERE user_id = $1`,
			[admin]
		);
		expect(rows[0]?.message).toContain('($1,234.50) was due on 2 Nov 2026 and');

		const event = await until('the coordinator to hear of it', () =>
			sockets.coordinator.of('invoice:changed').find((e) => e.id === invoice.id)
		);
		expect(event).toEqual({
			id: invoice.id,
			invoiceNumber: invoice.number,
			status: 'overdue',
			participantId: participant
		});
		await until('the wall’s new figures', () => sockets.wall.of('wall:budget').length > 1);
		expect(sockets.worker.of('invoice:changed')).toEqual([]);
		expect(sockets.wall.of('invoice:changed')).toEqual([]);
	});

	it('sends one summary when many invoices fall overdue at once', async () => {
		const admin = await insertUser('super_admin');
		for (let i = 0; i < 11; i++) await insertInvoice('2026-11-03', 'sent', '100.00');
		expect((await run()).overdue).toBe(11);
		expect(await titlesFor(admin)).toEqual(['11 invoices are now overdue']);
	});
});
