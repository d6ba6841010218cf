/**
 * Monthly invoices for half the participants, in every status: this month's drafts and sent
 * invoices, last month's paid or overdue, the month before paid. Lines bill approved sessions
 * (quantity = hours, rate = the item's price) plus a support coordination line; NDIS supports
 * are GST-free, so total = subtotal. Amounts are integer cents until they are written.
 */
import { upsert } from '../db';
import { seedUuid } from '../ids';
import { createRandom } from '../random';
import { addDays, sydneyInstant } from '../dates';
import { fromCents, lineAmountCents } from '../money';
import type { DemoContext, DemoParticipant, DemoSession, DemoStaff } from './context';

const PERIOD_DAYS = 30;

type InvoiceStatus = 'draft' | 'sent' | 'paid' | 'overdue';

interface Line {
	id: string;
	invoice_id: string;
	ndis_item_code_id: string;
	session_log_id: string | null;
	session_log_date: string | null;
	/** Hours, in hundredths. */
	quantity: number;
	rateCents: number;
	description: string;
}

function statusFor(p: DemoParticipant, age: number): InvoiceStatus {
	if (age === 0) return p.index % 4 === 0 ? 'draft' : 'sent';
	if (age === 1) return p.index % 6 === 2 ? 'overdue' : 'paid';
	return 'paid';
}

export async function seedInvoices(
	ctx: DemoContext,
	participants: DemoParticipant[],
	sessions: DemoSession[],
	coordinator: DemoStaff
) {
	const rng = createRandom('demo:invoices');
	const coordination = ctx.items.coordination;
	const invoices: Record<string, unknown>[] = [];
	const lines: Record<string, unknown>[] = [];
	const billed = participants.filter((p) => p.index % 2 === 0 && p.status === 'active');

	for (const p of billed) {
		for (let age = 0; age < 3; age++) {
			const periodEnd = addDays(ctx.today, -3 - PERIOD_DAYS * age);
			const periodStart = addDays(periodEnd, -PERIOD_DAYS);
			const issue = addDays(periodEnd, 1);
			const key = `${p.index}:${age}`;
			const invoiceId = seedUuid(`invoice:${key}`);
			const itemRows: Line[] = sessions
				.filter((s) => s.participant.id === p.id && s.status === 'approved')
				.filter((s) => s.date >= periodStart && s.date < periodEnd)
				.map((s) => ({
					id: seedUuid(`invoice-item:${key}:${s.id}`),
					invoice_id: invoiceId,
					ndis_item_code_id: s.itemId,
					session_log_id: s.id,
					session_log_date: s.date,
					quantity: s.durationHundredths,
					rateCents: s.priceCents,
					description: `${s.serviceType} on ${s.date} (${s.staff.name})`
				}));
			itemRows.push({
				id: seedUuid(`invoice-item:${key}:coordination`),
				invoice_id: invoiceId,
				ndis_item_code_id: coordination.id,
				session_log_id: null,
				session_log_date: null,
				quantity: rng.int(2, 8) * 25,
				rateCents: coordination.priceCents,
				description: 'Support coordination: roster, provider liaison and plan implementation'
			});
			let subtotal = 0;
			for (const { quantity, rateCents, ...line } of itemRows) {
				const amount = lineAmountCents(quantity, rateCents);
				subtotal += amount;
				lines.push({
					...line,
					quantity: fromCents(quantity),
					rate: fromCents(rateCents),
					amount: fromCents(amount)
				});
			}
			const status = statusFor(p, age);
			const sentAt = status === 'draft' ? null : sydneyInstant(issue, rng.int(9 * 60, 17 * 60));
			invoices.push({
				id: invoiceId,
				invoice_number: `HSS-D${String(1000 + p.index * 3 + (2 - age)).padStart(5, '0')}`,
				participant_id: p.id,
				staff_id: coordinator.userId,
				issue_date: issue,
				due_date: addDays(issue, 14),
				subtotal: fromCents(subtotal),
				gst_amount: '0.00',
				total_amount: fromCents(subtotal),
				status,
				notes: `Supports delivered ${periodStart} to ${addDays(periodEnd, -1)} for ${p.name}. NDIS supports are GST-free.`,
				sent_at: sentAt,
				paid_at:
					status === 'paid'
						? sydneyInstant(addDays(issue, rng.int(4, 14)), rng.int(9 * 60, 17 * 60))
						: null
			});
		}
	}
	await upsert(ctx.db, 'invoices', invoices, { conflict: ['id'] });
	await upsert(ctx.db, 'invoice_items', lines, { conflict: ['id'] });
	return {
		items: lines.length,
		invoices: invoices.map((i) => ({
			id: String(i.id),
			number: String(i.invoice_number),
			status: i.status as InvoiceStatus,
			total: String(i.total_amount)
		}))
	};
}
