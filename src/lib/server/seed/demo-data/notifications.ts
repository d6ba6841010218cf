/**
 * The bell for the four demo logins: a mix of read and unread notifications, each pointing at a
 * real row (related_table/related_id) so clicking through works.
 */
import { upsert } from '../db';
import { seedUuid } from '../ids';
import { sydneyInstant, addDays } from '../dates';
import { formatDate, formatWeekdayDate } from '../../../shared/format';
import type { DemoContext, DemoParticipant, DemoSession, DemoStaff } from './context';

interface Related {
	staff: DemoStaff[];
	sessions: DemoSession[];
	participants: DemoParticipant[];
	documents: { id: string; name: string; status: string }[];
	invoices: { id: string; number: string; status: string; total: string }[];
}

interface NotificationSpec {
	user: DemoStaff;
	type: 'info' | 'warning' | 'error' | 'success';
	title: string;
	message: string;
	table: string;
	relatedId: string;
	daysAgo: number;
	read: boolean;
}

function login(staff: DemoStaff[], email: string): DemoStaff {
	const found = staff.find((s) => s.email === email);
	if (!found) throw new Error(`Demo login ${email} missing`);
	return found;
}

function specs(ctx: DemoContext, r: Related): NotificationSpec[] {
	const admin = login(r.staff, 'admin@demo.test');
	const coordinator = login(r.staff, 'coordinator@demo.test');
	const worker = login(r.staff, 'worker@demo.test');
	const allied = login(r.staff, 'allied@demo.test');
	const own = (user: DemoStaff, status: DemoSession['status']) =>
		r.sessions.filter((s) => s.staff.userId === user.userId && s.status === status);
	const out: NotificationSpec[] = [];
	const add = (spec: Omit<NotificationSpec, 'relatedId'>, relatedId: string | undefined) => {
		if (relatedId) out.push({ ...spec, relatedId });
	};

	for (const [user, read] of [
		[worker, true],
		[allied, false]
	] as const) {
		const approved = own(user, 'approved').at(-1);
		add(
			{
				user,
				type: 'success',
				title: 'Session approved',
				message: `Your ${approved?.serviceType.toLowerCase()} session with ${approved?.participant.name} on ${formatWeekdayDate(approved?.date, ctx.today)} was approved.`,
				table: 'session_logs',
				daysAgo: 6,
				read
			},
			approved?.id
		);
	}
	const rejected = own(worker, 'rejected').at(-1);
	add(
		{
			user: worker,
			type: 'warning',
			title: 'Session rejected',
			message: `Your session with ${rejected?.participant.name} on ${formatWeekdayDate(rejected?.date, ctx.today)} needs changes before it can be approved.`,
			table: 'session_logs',
			daysAgo: 4,
			read: false
		},
		rejected?.id
	);
	const supported = r.sessions.find((s) => s.staff.userId === worker.userId)?.participant;
	add(
		{
			user: worker,
			type: 'info',
			title: 'New participant assigned',
			message: `You have been assigned to support ${supported?.name}.`,
			table: 'participants',
			daysAgo: 20,
			read: true
		},
		supported?.id
	);

	const pending = r.sessions.filter((s) => s.status === 'pending');
	add(
		{
			user: coordinator,
			type: 'info',
			title: 'Sessions waiting for approval',
			message: `${pending.length} session logs are waiting for your review.`,
			table: 'session_logs',
			daysAgo: 0,
			read: false
		},
		pending.at(-1)?.id
	);
	for (const [n, doc] of r.documents
		.filter((d) => d.status === 'expiring_soon')
		.slice(0, 2)
		.entries()) {
		add(
			{
				user: coordinator,
				type: 'warning',
				title: 'Document expiring soon',
				message: `${doc.name} expires within 30 days.`,
				table: 'documents',
				daysAgo: n + 1,
				read: n > 0
			},
			doc.id
		);
	}
	const expired = r.documents.find((d) => d.status === 'expired');
	add(
		{
			user: coordinator,
			type: 'error',
			title: 'Document expired',
			message: `${expired?.name} has expired. Upload a current copy.`,
			table: 'documents',
			daysAgo: 3,
			read: false
		},
		expired?.id
	);
	const ending = r.participants.find(
		(p) => p.status === 'active' && p.planEnd <= addDays(ctx.today, 60)
	);
	add(
		{
			user: coordinator,
			type: 'warning',
			title: 'Plan ending soon',
			message: `${ending?.name}'s NDIS plan ends on ${formatDate(ending?.planEnd)}. Start the plan review.`,
			table: 'participants',
			daysAgo: 2,
			read: false
		},
		ending?.id
	);
	const overdue = r.invoices.find((i) => i.status === 'overdue');
	add(
		{
			user: coordinator,
			type: 'warning',
			title: 'Invoice overdue',
			message: `Invoice ${overdue?.number} ($${overdue?.total}) is past its due date.`,
			table: 'invoices',
			daysAgo: 5,
			read: true
		},
		overdue?.id
	);

	add(
		{
			user: admin,
			type: 'error',
			title: 'Security alert: repeated failed sign-ins',
			message: `5 failed sign-in attempts for ${coordinator.email} from 203.0.113.45. The account was locked for 15 minutes.`,
			table: 'users',
			daysAgo: 1,
			read: false
		},
		coordinator.userId
	);
	const paid = r.invoices.find((i) => i.status === 'paid');
	add(
		{
			user: admin,
			type: 'success',
			title: 'Invoice paid',
			message: `Invoice ${paid?.number} ($${paid?.total}) was paid.`,
			table: 'invoices',
			daysAgo: 9,
			read: true
		},
		paid?.id
	);
	return out;
}

export async function seedNotifications(ctx: DemoContext, related: Related) {
	const rows = specs(ctx, related).map((n) => {
		const at = sydneyInstant(addDays(ctx.today, -n.daysAgo), 8 * 60 + n.title.length);
		const createdAt = Math.min(Date.parse(at), ctx.now.getTime());
		return {
			id: seedUuid(`notification:${n.user.key}:${n.title}:${n.relatedId}`),
			user_id: n.user.userId,
			type: n.type,
			title: n.title,
			message: n.message,
			is_read: n.read,
			read_at: n.read ? new Date(createdAt + 3_600_000).toISOString() : null,
			related_table: n.table,
			related_id: n.relatedId,
			created_at: new Date(createdAt).toISOString()
		};
	});
	await upsert(ctx.db, 'notifications', rows, { conflict: ['id'] });

	return rows.length;
}
