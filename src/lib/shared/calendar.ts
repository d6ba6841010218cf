/**
 * A roster entry as the API, the board and the `calendar:changed` event carry it, and the board's
 * presence payloads. Instants are ISO 8601 strings (UTC); `version` rises with every change so a
 * stale edit is refused with 409 instead of silently overwriting someone else's.
 */
import type { EventStatus, EventType, UserRole } from './enums';

export type CalendarEventDto = {
	id: string;
	title: string;
	description: string | null;
	participantId: string | null;
	participantName: string | null;
	staffId: string | null;
	staffName: string | null;
	eventType: EventType | null;
	startDatetime: string;
	endDatetime: string;
	location: string | null;
	status: EventStatus;
	version: number;
	createdBy: string;
	createdAt: string;
	updatedAt: string;
};

export type CalendarChange = {
	action: 'created' | 'updated' | 'deleted';
	event: CalendarEventDto;
};

/** Someone with the board open, and the event they have open in the dialog, if any. */
export type BoardViewer = { userId: string; name: string; role: UserRole; editing: string | null };
