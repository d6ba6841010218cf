/** Shapes the roster board hands to its page. */
import type { CalendarEventDto } from '$lib/shared/calendar';

/** `label`: the name, told apart from namesakes by role or email (staffLabels). */
export type StaffRow = { id: string; name: string; label: string; role: string; status: string };

/** A drop or resize, with the new times (and staff member, when moved to another row). */
export type Move = {
	event: CalendarEventDto;
	startDatetime: string;
	endDatetime: string;
	/** undefined: same row; null: the Unassigned row. */
	staffId?: string | null;
	revert: () => void;
};

/** A time range selected on the board, to create an event from. */
export type Draft = { startDatetime: string; endDatetime: string; staffId: string | null };

export type Range = { from: string; to: string; view: string; date: string };

/** The row for events with nobody rostered yet (open shifts). */
export const UNASSIGNED = 'unassigned';

export const MANAGER_VIEWS = [
	'resourceTimelineDay',
	'resourceTimelineWeek',
	'timeGridWeek',
	'dayGridMonth',
	'listWeek'
];
export const FRONTLINE_VIEWS = ['listWeek', 'timeGridWeek', 'dayGridMonth'];
