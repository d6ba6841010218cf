/**
 * Sent invoices past their due date become overdue, as of the provider's today: an invoice due
 * today is not overdue until tomorrow. One transaction moves them and notifies every active
 * super_admin, so a retried or concurrent run (the second waits on the first's row locks, then
 * finds nothing left to move) never announces an invoice twice. More than DIGEST_AFTER in one run
 * arrive as one summary.
 */
import { QueryTypes } from 'sequelize';
import { db, tx } from '../db';
import { providerSettings } from '../provider-settings';
import { providerToday } from '../provider';
import { audienceByParticipant, publish } from '../realtime/publish';
import { notifyEach, type NewNotification } from '../services/notifications';
import { publishWalls } from '../wall/figures';
import { dollars as formatMoney } from '../../shared/figures';
import { formatDate } from '../../shared/format';

export const DIGEST_AFTER = 10;

export type OverdueResult = { today: string; overdue: number; notifications: number };

type Moved = {
	id: string;
	invoice_number: string;
	participant_id: string;
	participant_name: string | null;
	total_amount: string;
	due_date: string;
};

function notesFor(moved: Moved[]): NewNotification[] {
	if (moved.length > DIGEST_AFTER) {
		const total = moved.reduce((cents, m) => cents + Math.round(Number(m.total_amount) * 100), 0);
		return [
			{
				kind: 'invoice_overdue',
				type: 'warning',
				title: `${moved.length} invoices are now overdue`,
				message: `${moved.length} sent invoices passed their due date, ${formatMoney((total / 100).toFixed(2))} in all, including ${moved
					.slice(0, 3)
					.map((m) => m.invoice_number)
					.join(', ')}.`,
				link: '/invoices?status=overdue'
			}
		];
	}
	return moved.map((m) => ({
		kind: 'invoice_overdue',
		type: 'warning',
		title: `Invoice overdue: ${m.invoice_number}`,
		message: `Invoice ${m.invoice_number}${m.participant_name ? ` for ${m.participant_name}` : ''} (${formatMoney(m.total_amount)}) was due on ${formatDate(m.due_date)} and has not been paid.`,
		relatedTable: 'invoices',
		relatedId: m.id,
		link: `/invoices?status=overdue`
	}));
}

/** Call as the 'system' actor (the worker does). */
export async function markOverdueInvoices(options: { asOf?: Date } = {}): Promise<OverdueResult> {
	const settings = await providerSettings();
	const today = providerToday(settings, options.asOf);
	const { moved, notifications } = await tx(async (t) => {
		const rows = await db().query<Moved>(
			`WITH moved AS (
				UPDATE invoices SET status = 'overdue'
				WHERE status = 'sent' AND due_date < $1::date
				RETURNING id, invoice_number, participant_id, total_amount, due_date)
			SELECT m.id::text, m.invoice_number, m.participant_id::text, p.name AS participant_name,
				m.total_amount::text, m.due_date::text
			FROM moved m LEFT JOIN participants p ON p.id = m.participant_id
			ORDER BY m.due_date, m.invoice_number`,
			{ bind: [today], type: QueryTypes.SELECT, transaction: t }
		);
		if (rows.length === 0) return { moved: rows, notifications: 0 };
		const admins = await db().query<{ id: string }>(
			`SELECT id::text FROM users WHERE role = 'super_admin' AND is_active ORDER BY id`,
			{ type: QueryTypes.SELECT, transaction: t }
		);
		const notes = notesFor(rows);
		const count = await notifyEach(
			admins.flatMap((admin) => notes.map((note) => ({ userId: admin.id, note })))
		);
		return { moved: rows, notifications: count };
	});
	if (moved.length > 0) {
		const rooms = await audienceByParticipant('invoices', [
			...new Set(moved.map((m) => m.participant_id))
		]);
		for (const m of moved) {
			publish(rooms.get(m.participant_id) ?? [], 'invoice:changed', {
				id: m.id,
				invoiceNumber: m.invoice_number,
				status: 'overdue',
				participantId: m.participant_id
			});
		}
		await publishWalls('budget');
	}
	return { today, overdue: moved.length, notifications };
}
