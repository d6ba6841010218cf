/**
 * A roster entry as the API, the board and the `calendar:changed` event carry it, and the board's
 * presence payloads. Instants are ISO 8601 strings (UTC); `version` rises with every change so a
 * stale edit is refused with 409 instead of silently overwriting someone else's.
 */
import type { EventStatus, EventType, UserRole } from './enums';
import { ROLE_LABELS } from './roles';

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

/**
 * How the board names each staff member: the name alone, or, where two people share it, the name
 * with their role (when that tells them apart) or else their email, so a coordinator never drops
 * a shift on the wrong Kai White.
 */
export function staffLabels(
	staff: readonly { id: string; name: string; role: UserRole; email: string }[]
): Map<string, string> {
	const key = (name: string) => name.trim().toLocaleLowerCase('en-AU');
	const namesakes = new Map<string, (typeof staff)[number][]>();
	for (const s of staff) namesakes.set(key(s.name), [...(namesakes.get(key(s.name)) ?? []), s]);
	return new Map(
		staff.map((s) => {
			const same = namesakes.get(key(s.name))!;
			if (same.length === 1) return [s.id, s.name];
			const sameRole = same.filter((o) => o.role === s.role).length;
			return [s.id, `${s.name.trim()} (${sameRole === 1 ? ROLE_LABELS[s.role] : s.email})`];
		})
	);
}
