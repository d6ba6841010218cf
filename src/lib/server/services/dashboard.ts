/**
 * The home page's figures, one small set-based query each. Which figures a caller gets follows
 * their role; every query runs in tx(), so row-level security narrows frontline staff to their own
 * sessions and events whatever the SQL says.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import { db, tx } from '../db';
import { DOCUMENT_STATUS_COUNTS } from '../documents/expiry';
import { addDays, localDate, startOfLocalDay } from '../time';
import type { UserRole } from '../../shared/enums';

export type Viewer = { id: string; role: UserRole };

/**
 * A link to the list page behind a figure, with the very filters that page accepts, so the list
 * shows the rows the figure counts (dashboard.int.spec.ts follows each link and compares).
 */
export function listHref(path: string, filters: Record<string, string | number> = {}): string {
	const query = new URLSearchParams(
		Object.entries(filters).map(([key, value]) => [key, String(value)])
	).toString();
	return query ? `${path}?${query}` : path;
}

type Row = Record<string, unknown>;

async function rows<T extends Row>(t: Transaction, sql: string, bind: unknown[]): Promise<T[]> {
	return db().query<T>(sql, { type: QueryTypes.SELECT, bind, transaction: t });
}

async function one<T extends Row>(t: Transaction, sql: string, bind: unknown[]): Promise<T> {
	const [row] = await rows<T>(t, sql, bind);
	// Every caller's query is an aggregate, which always answers one row.
	if (!row) throw new Error('an aggregate query answered no row');
	return row;
}

/** The provider-local day and month the figures are for, as dates and as UTC instants. */
export function period(now = new Date()) {
	const today = localDate(now);
	const monthStart = `${today.slice(0, 7)}-01`;
	const nextMonth = new Date(`${monthStart}T00:00:00Z`);
	nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
	return {
		today,
		dayStart: startOfLocalDay(today),
		dayEnd: startOfLocalDay(addDays(today, 1)),
		monthStart,
		monthEnd: addDays(nextMonth.toISOString().slice(0, 10), -1)
	};
}

export type SessionItem = {
	id: string;
	participantName: string | null;
	sessionDate: string;
	startTime: string;
	endTime: string;
	serviceType: string;
	status: string;
	rejectionReason?: string | null;
};

export type EventItem = {
	id: string;
	title: string;
	participantName: string | null;
	startDatetime: string;
	endDatetime: string;
	location: string | null;
	status: string;
};

export type FrontlineDashboard = {
	kind: 'frontline';
	today: string;
	sessionsToday: SessionItem[];
	eventsToday: EventItem[];
	pendingCount: number;
	rejectedCount: number;
	/** Every rejected session (oldest first, at most 10), with the coordinator's reason. */
	rejectedSessions: SessionItem[];
	/** The latest sessions still waiting for a coordinator (at most 5). */
	pendingSessions: SessionItem[];
	unreadNotifications: number;
	links: {
		sessionsToday: string;
		roster: string;
		pending: string;
		rejected: string;
		notifications: string;
		logSession: string;
	};
};

export type CoordinatorDashboard = {
	kind: 'coordinator';
	today: string;
	pendingApprovals: number;
	oldestPending: (SessionItem & { staffName: string | null })[];
	plansEnding: { id: string; name: string; planEndDate: string; daysLeft: number }[];
	plansEndingCount: number;
	documentsDue: {
		id: string;
		name: string;
		participantId: string | null;
		participantName: string | null;
		status: 'expiring_soon' | 'expired';
		expiryDate: string;
		daysLeft: number;
	}[];
	documentsExpiringSoon: number;
	documentsExpired: number;
	rosterToday: number;
	unreadNotifications: number;
	links: {
		pending: string;
		plansEnding: string;
		documentsExpiringSoon: string;
		documentsExpired: string;
		roster: string;
		notifications: string;
		budgets: string;
	};
};

export type AdminDashboard = {
	kind: 'admin';
	today: string;
	month: string;
	activeParticipants: number;
	activeStaff: number;
	sessionsByStatus: Record<'pending' | 'approved' | 'rejected', number>;
	hoursDelivered: string;
	invoicesByStatus: { status: string; count: number; total: string }[];
	overdueAmount: string;
	budget: { total: string; used: string; percentUsed: number };
	lockedAccounts: number;
	failedSignIns24h: number;
	unreadNotifications: number;
	links: {
		participants: string;
		staff: string;
		hours: string;
		sessionsByStatus: Record<'pending' | 'approved' | 'rejected', string>;
		overdue: string;
		invoices: string;
		budgets: string;
		locked: string;
		failedSignIns: string;
		notifications: string;
	};
};

export type Dashboard = FrontlineDashboard | CoordinatorDashboard | AdminDashboard;

const SESSION_COLUMNS = `s.id, p.name AS "participantName", s.session_date AS "sessionDate",
	to_char(s.start_time, 'HH24:MI') AS "startTime", to_char(s.end_time, 'HH24:MI') AS "endTime",
	s.service_type AS "serviceType", s.status::text AS status`;

function unread(t: Transaction, userId: string): Promise<number> {
	return one<{ n: number }>(
		t,
		'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND NOT is_read',
		[userId]
	).then((r) => r.n);
}

/** Support workers and allied health: their own day and their own unfinished paperwork. */
export function frontline(viewer: Viewer, now = new Date()): Promise<FrontlineDashboard> {
	const { today, dayStart, dayEnd } = period(now);
	return tx(async (t) => {
		const sessionsToday = await rows<SessionItem>(
			t,
			`SELECT ${SESSION_COLUMNS} FROM session_logs s
			LEFT JOIN participants p ON p.id = s.participant_id
			WHERE s.staff_id = $1 AND s.session_date = $2 ORDER BY s.start_time, s.id`,
			[viewer.id, today]
		);
		const events = await rows<EventItem & { startDatetime: Date; endDatetime: Date }>(
			t,
			`SELECT e.id, e.title, p.name AS "participantName", e.start_datetime AS "startDatetime",
				e.end_datetime AS "endDatetime", e.location, e.status::text AS status
			FROM calendar_events e LEFT JOIN participants p ON p.id = e.participant_id
			WHERE e.staff_id = $1 AND e.start_datetime < $3 AND e.end_datetime > $2
				AND e.status <> 'cancelled'
			ORDER BY e.start_datetime, e.id`,
			[viewer.id, dayStart, dayEnd]
		);
		const counts = await one<{ pending: number; rejected: number }>(
			t,
			`SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
				count(*) FILTER (WHERE status = 'rejected')::int AS rejected
			FROM session_logs WHERE staff_id = $1`,
			[viewer.id]
		);
		const rejectedSessions = await rows<SessionItem>(
			t,
			`SELECT ${SESSION_COLUMNS}, s.rejection_reason AS "rejectionReason" FROM session_logs s
			LEFT JOIN participants p ON p.id = s.participant_id
			WHERE s.staff_id = $1 AND s.status = 'rejected'
			ORDER BY s.session_date, s.start_time, s.id LIMIT 10`,
			[viewer.id]
		);
		const pendingSessions = await rows<SessionItem>(
			t,
			`SELECT ${SESSION_COLUMNS} FROM session_logs s
			LEFT JOIN participants p ON p.id = s.participant_id
			WHERE s.staff_id = $1 AND s.status = 'pending'
			ORDER BY s.session_date DESC, s.start_time DESC, s.id LIMIT 5`,
			[viewer.id]
		);
		return {
			kind: 'frontline',
			today,
			sessionsToday,
			eventsToday: events.map((e) => ({
				...e,
				startDatetime: new Date(e.startDatetime).toISOString(),
				endDatetime: new Date(e.endDatetime).toISOString()
			})),
			pendingCount: counts.pending,
			rejectedCount: counts.rejected,
			rejectedSessions,
			pendingSessions,
			unreadNotifications: await unread(t, viewer.id),
			links: {
				sessionsToday: listHref('/sessions', { status: 'any', from: today, to: today }),
				roster: listHref('/calendar', { date: today }),
				pending: listHref('/sessions', { status: 'pending' }),
				rejected: listHref('/sessions', { status: 'rejected' }),
				notifications: listHref('/notifications', { show: 'unread' }),
				logSession: '/sessions/new'
			}
		};
	});
}

/** The coordinator's "plans ending" window, in days. */
export const PLAN_ENDING_DAYS = 60;

/** Support coordinators: what waits on them, and what is about to run out. */
export function coordinator(viewer: Viewer, now = new Date()): Promise<CoordinatorDashboard> {
	const { today, dayStart, dayEnd } = period(now);
	return tx(async (t) => {
		const pending = await one<{ n: number }>(
			t,
			`SELECT count(*)::int AS n FROM session_logs WHERE status = 'pending'`,
			[]
		);
		const oldestPending = await rows<SessionItem & { staffName: string | null }>(
			t,
			`SELECT ${SESSION_COLUMNS}, u.name AS "staffName" FROM session_logs s
			LEFT JOIN participants p ON p.id = s.participant_id
			LEFT JOIN users u ON u.id = s.staff_id
			WHERE s.status = 'pending'
			ORDER BY s.session_date, s.start_time, s.id LIMIT 5`,
			[]
		);
		const plansEnding = await rows<CoordinatorDashboard['plansEnding'][number]>(
			t,
			`SELECT id, name, plan_end_date AS "planEndDate", (plan_end_date - $1::date) AS "daysLeft"
			FROM participants
			WHERE status = 'active' AND plan_end_date BETWEEN $1::date AND $1::date + $2::int
			ORDER BY plan_end_date, name LIMIT 10`,
			[today, PLAN_ENDING_DAYS]
		);
		const plansCount = await one<{ n: number }>(
			t,
			`SELECT count(*)::int AS n FROM participants
			WHERE status = 'active' AND plan_end_date BETWEEN $1::date AND $1::date + $2::int`,
			[today, PLAN_ENDING_DAYS]
		);
		const documentsDue = await rows<CoordinatorDashboard['documentsDue'][number]>(
			t,
			`SELECT d.id, d.name, d.participant_id AS "participantId", p.name AS "participantName",
				d.status::text AS status, d.expiry_date AS "expiryDate", (d.expiry_date - $1::date) AS "daysLeft"
			FROM documents d LEFT JOIN participants p ON p.id = d.participant_id
			WHERE d.status IN ('expiring_soon', 'expired')
			ORDER BY d.expiry_date, d.name LIMIT 10`,
			[today]
		);
		const documentCounts = await one<{ expiringSoon: number; expired: number }>(
			t,
			`SELECT ${DOCUMENT_STATUS_COUNTS} FROM documents d`,
			[]
		);
		const roster = await one<{ n: number }>(
			t,
			`SELECT count(*)::int AS n FROM calendar_events
			WHERE start_datetime < $2 AND end_datetime > $1 AND status <> 'cancelled'`,
			[dayStart, dayEnd]
		);
		return {
			kind: 'coordinator',
			today,
			pendingApprovals: pending.n,
			oldestPending,
			plansEnding,
			plansEndingCount: plansCount.n,
			documentsDue,
			documentsExpiringSoon: documentCounts.expiringSoon,
			documentsExpired: documentCounts.expired,
			rosterToday: roster.n,
			unreadNotifications: await unread(t, viewer.id),
			links: {
				pending: listHref('/sessions', { status: 'pending', sort: 'sessionDate' }),
				plansEnding: listHref('/participants', {
					status: 'active',
					planEndingWithinDays: PLAN_ENDING_DAYS,
					sort: 'planEndDate'
				}),
				documentsExpiringSoon: listHref('/documents', {
					status: 'expiring_soon',
					sort: 'expiryDate'
				}),
				documentsExpired: listHref('/documents', { status: 'expired', sort: 'expiryDate' }),
				roster: listHref('/calendar', { date: today }),
				notifications: listHref('/notifications', { show: 'unread' }),
				budgets: '/budgets'
			}
		};
	});
}

/** Super admins: the organisation at a glance. Money stays a decimal string end to end. */
export function admin(viewer: Viewer, now = new Date()): Promise<AdminDashboard> {
	const { today, monthStart, monthEnd } = period(now);
	return tx(async (t) => {
		const people = await one<{ participants: number; staff: number }>(
			t,
			`SELECT (SELECT count(*)::int FROM participants WHERE status = 'active') AS participants,
				(SELECT count(*)::int FROM staff_members WHERE status = 'active') AS staff`,
			[]
		);
		const sessions = await one<{
			pending: number;
			approved: number;
			rejected: number;
			hours: string;
		}>(
			t,
			`SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
				count(*) FILTER (WHERE status = 'approved')::int AS approved,
				count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
				-- Rejected sessions were not delivered as logged, so their hours do not count.
				coalesce(sum(duration_hours) FILTER (WHERE status <> 'rejected'), 0)::numeric(12, 2)::text
					AS hours
			FROM session_logs WHERE session_date BETWEEN $1 AND $2`,
			[monthStart, monthEnd]
		);
		const invoices = await rows<{ status: string; count: number; total: string }>(
			t,
			`SELECT status::text AS status, count(*)::int AS count,
				sum(total_amount)::numeric(14, 2)::text AS total
			FROM invoices GROUP BY status ORDER BY status`,
			[]
		);
		// A sent invoice past its due date is overdue even before the nightly job marks it.
		const overdue = await one<{ amount: string }>(
			t,
			`SELECT coalesce(sum(total_amount), 0)::numeric(14, 2)::text AS amount FROM invoices
			WHERE status = 'overdue' OR (status = 'sent' AND due_date < $1)`,
			[today]
		);
		const budget = await one<{ total: string; used: string }>(
			t,
			`SELECT coalesce(sum(total_budget), 0)::numeric(14, 2)::text AS total,
				coalesce(sum(used_budget), 0)::numeric(14, 2)::text AS used
			FROM participants WHERE status = 'active'`,
			[]
		);
		const security = await one<{ locked: number; failed: number }>(
			t,
			`SELECT (SELECT count(*)::int FROM users WHERE locked_until > now()) AS locked,
				(SELECT count(*)::int FROM login_attempts
					WHERE NOT succeeded AND created_at > now() - interval '24 hours') AS failed`,
			[]
		);
		const total = Number(budget.total);
		return {
			kind: 'admin',
			today,
			month: monthStart.slice(0, 7),
			activeParticipants: people.participants,
			activeStaff: people.staff,
			sessionsByStatus: {
				pending: sessions.pending,
				approved: sessions.approved,
				rejected: sessions.rejected
			},
			hoursDelivered: sessions.hours,
			invoicesByStatus: invoices,
			overdueAmount: overdue.amount,
			budget: {
				...budget,
				percentUsed: total > 0 ? Math.round((Number(budget.used) / total) * 1000) / 10 : 0
			},
			lockedAccounts: security.locked,
			failedSignIns24h: security.failed,
			unreadNotifications: await unread(t, viewer.id),
			links: {
				participants: listHref('/participants', { status: 'active' }),
				staff: listHref('/staff', { status: 'active' }),
				hours: listHref('/sessions', { status: 'any', from: monthStart, to: monthEnd }),
				sessionsByStatus: {
					pending: listHref('/sessions', { status: 'pending', from: monthStart, to: monthEnd }),
					approved: listHref('/sessions', { status: 'approved', from: monthStart, to: monthEnd }),
					rejected: listHref('/sessions', { status: 'rejected', from: monthStart, to: monthEnd })
				},
				// No invoice list yet: the budgets page lists invoices by status and what is overdue.
				overdue: '/budgets?status=all#invoices',
				invoices: '/budgets?status=all#invoices',
				budgets: '/budgets',
				locked: listHref('/admin/users', { status: 'locked' }),
				// The audit trail filters by day: yesterday and today cover the last 24 hours.
				failedSignIns: listHref('/admin/audit', {
					action: 'auth.login_failed',
					from: addDays(today, -1)
				}),
				notifications: listHref('/notifications', { show: 'unread' })
			}
		};
	});
}

/** The dashboard for a viewer's role; nothing in it reaches beyond what that role may read. */
export function forViewer(viewer: Viewer, now = new Date()): Promise<Dashboard> {
	switch (viewer.role) {
		case 'super_admin':
			return admin(viewer, now);
		case 'support_coordinator':
			return coordinator(viewer, now);
		default:
			return frontline(viewer, now);
	}
}
