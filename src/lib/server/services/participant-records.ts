/**
 * What the participant hub shows of a participant's sessions, invoices and coming events,
 * read-only. Every read runs in the caller's transaction (tx), so row-level security applies; the
 * app scopes them as well: with 'own' scope a worker sees only their own sessions and events.
 */
import { Op, type WhereOptions } from 'sequelize';
import { tx } from '../db';
import { CalendarEvent, Invoice, SessionLog, User } from '../db/models';
import type { EventStatus, EventType, InvoiceStatus, SessionStatus } from '../../shared/enums';
import type { Viewer } from './participants';

export type SessionSummary = {
	id: string;
	sessionDate: string;
	startTime: string;
	endTime: string;
	durationHours: string;
	serviceType: string;
	status: SessionStatus;
	workerName: string | null;
};

export type InvoiceSummary = {
	id: string;
	invoiceNumber: string;
	issueDate: string;
	dueDate: string;
	totalAmount: string;
	status: InvoiceStatus;
};

export type EventSummary = {
	id: string;
	title: string;
	eventType: EventType | null;
	startDatetime: string;
	endDatetime: string;
	location: string | null;
	status: EventStatus;
	staffName: string | null;
};

const hhmm = (time: string) => time.slice(0, 5);

async function namesOf(ids: (string | null)[]): Promise<Map<string, string>> {
	const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
	if (wanted.length === 0) return new Map();
	const users = await User.findAll({ where: { id: wanted }, attributes: ['id', 'name'] });
	return new Map(users.map((u) => [u.id, u.name]));
}

/** The most recent sessions, newest first. */
export async function recentSessions(
	participantId: string,
	viewer: Viewer,
	limit = 10
): Promise<SessionSummary[]> {
	const where: WhereOptions<SessionLog> =
		viewer.scope === 'all' ? { participantId } : { participantId, staffId: viewer.id };
	return tx(async () => {
		const rows = await SessionLog.findAll({
			where,
			order: [
				['sessionDate', 'DESC'],
				['startTime', 'DESC'],
				['id', 'ASC']
			],
			limit
		});
		const names = await namesOf(rows.map((r) => r.staffId));
		return rows.map((r) => ({
			id: r.id,
			sessionDate: r.sessionDate,
			startTime: hhmm(r.startTime),
			endTime: hhmm(r.endTime),
			durationHours: r.durationHours,
			serviceType: r.serviceType,
			status: r.status,
			workerName: names.get(r.staffId) ?? null
		}));
	});
}

/** The latest invoices, newest first (managers only: the policy gives frontline staff none). */
export async function recentInvoices(participantId: string, limit = 10): Promise<InvoiceSummary[]> {
	const rows = await tx(() =>
		Invoice.findAll({
			where: { participantId },
			attributes: ['id', 'invoiceNumber', 'issueDate', 'dueDate', 'totalAmount', 'status'],
			order: [
				['issueDate', 'DESC'],
				['invoiceNumber', 'DESC']
			],
			limit
		})
	);
	return rows.map((r) => ({
		id: r.id,
		invoiceNumber: r.invoiceNumber,
		issueDate: r.issueDate,
		dueDate: r.dueDate,
		totalAmount: r.totalAmount,
		status: r.status
	}));
}

/** Events that have not ended yet and start within `days`, soonest first. */
export async function upcomingEvents(
	participantId: string,
	viewer: Viewer,
	days = 14,
	now = new Date()
): Promise<EventSummary[]> {
	const until = new Date(now.getTime() + days * 86_400_000);
	const window = { endDatetime: { [Op.gt]: now }, startDatetime: { [Op.lt]: until } };
	const where: WhereOptions<CalendarEvent> =
		viewer.scope === 'all'
			? { participantId, ...window }
			: { participantId, staffId: viewer.id, ...window };
	return tx(async () => {
		const rows = await CalendarEvent.findAll({
			where,
			order: [
				['startDatetime', 'ASC'],
				['id', 'ASC']
			],
			limit: 50
		});
		const names = await namesOf(rows.map((r) => r.staffId));
		return rows.map((r) => ({
			id: r.id,
			title: r.title,
			eventType: r.eventType,
			startDatetime: r.startDatetime.toISOString(),
			endDatetime: r.endDatetime.toISOString(),
			location: r.location,
			status: r.status,
			staffName: r.staffId ? (names.get(r.staffId) ?? null) : null
		}));
	});
}
