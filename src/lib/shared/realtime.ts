/**
 * The one typed map of Socket.IO events, shared by the server (realtime/attach.ts, the Redis
 * emitter in src/lib/server/realtime) and the browser (src/lib/realtime). Payloads are plain JSON,
 * already narrowed to what the receiving user may see (../shared/CONTRACT.md, Socket.IO).
 */
import type { BoardViewer, CalendarChange } from './calendar';
import type { DocumentStatus, InvoiceStatus, NotificationType, SessionStatus } from './enums';
import type { BudgetWall, RosterWall } from './wall';

export type NotificationEvent = {
	id: string;
	type: NotificationType | null;
	title: string;
	message: string | null;
	relatedTable: string | null;
	relatedId: string | null;
	createdAt: string;
};

export type SessionLogEvent = {
	id: string;
	status: SessionStatus;
	participantId: string;
	staffId: string;
	sessionDate: string;
	approvedBy: string | null;
	approvedAt: string | null;
	action: 'created' | 'updated' | 'approved' | 'rejected' | 'deleted';
};

/** A participant's budget after a recompute (src/jobs/budget-usage.ts); money as decimal strings. */
export type BudgetEvent = {
	participantId: string;
	totalBudget: string | null;
	usedBudget: string;
	usedPercent: string | null;
	planElapsedPercent: string | null;
	burnRatePerDay: string | null;
	projectedExhaustionDate: string | null;
	risk: string;
};

export type InvoiceEvent = {
	id: string;
	invoiceNumber: string;
	status: InvoiceStatus;
	participantId: string;
};

export type DocumentEvent = {
	id: string;
	status: DocumentStatus;
	participantId: string | null;
	expiryDate: string | null;
};

export type ServerToClientEvents = {
	'notification:new': (payload: NotificationEvent) => void;
	/** The unread count after a change made elsewhere (read in another tab, read-all). */
	'notification:read': (payload: { unread: number }) => void;
	'session-log:changed': (payload: SessionLogEvent) => void;
	'calendar:changed': (payload: CalendarChange) => void;
	/** Who has the roster board open (sent to the board's viewers when that changes). */
	'calendar:presence': (payload: { viewers: BoardViewer[] }) => void;
	'budget:changed': (payload: BudgetEvent) => void;
	'invoice:changed': (payload: InvoiceEvent) => void;
	'document:changed': (payload: DocumentEvent) => void;
	/** Wall displays only (room `display`): aggregates, never a person's record. */
	'wall:budget': (payload: BudgetWall) => void;
	'wall:roster': (payload: RosterWall) => void;
};

/** What the browser sends; realtime/board.ts validates each payload and checks the policy. */
export type ClientToServerEvents = {
	'calendar:join': () => void;
	'calendar:leave': () => void;
	/** The event the viewer has open in the board's dialog (null: none). */
	'calendar:editing': (payload: { eventId: string | null }) => void;
};
