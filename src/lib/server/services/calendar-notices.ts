/**
 * What a roster change means to the staff member whose shift it is: added, moved (time or place),
 * cancelled (or taken off their roster), back on. They are told by a notification, and by email
 * unless they turned 'notifications.email.roster_changes' off. Nobody is told about their own
 * change, nor about shifts that are already over.
 */
import type { CalendarEventDto } from '../../shared/calendar';
import type { UserRole } from '../../shared/enums';
import { formatSpan } from './calendar-rules';
import * as notifications from './notifications';

type Change = { before?: CalendarEventDto; after?: CalendarEventDto; weeks?: number };
type Note = { userId: string; title: string; message: string; warning: boolean };

const live = (e: CalendarEventDto | undefined): e is CalendarEventDto =>
	!!e && !!e.staffId && e.status !== 'cancelled' && Date.parse(e.endDatetime) > Date.now();

const when = (e: CalendarEventDto) => formatSpan(e.startDatetime, e.endDatetime);
const place = (e: CalendarEventDto) => (e.location ? ` at ${e.location}` : '');

function notes({ before, after, weeks }: Change): Note[] {
	const out: Note[] = [];
	const added = (e: CalendarEventDto) =>
		out.push({
			userId: e.staffId!,
			title: weeks ? `${weeks} weekly shifts added: ${e.title}` : `New shift: ${e.title}`,
			message: weeks
				? `${e.title}, every week for ${weeks} weeks from ${when(e)}${place(e)}.`
				: `${e.title}, ${when(e)}${place(e)}.`,
			warning: false
		});
	const removed = (e: CalendarEventDto, cancelled: boolean) =>
		out.push({
			userId: e.staffId!,
			title: cancelled ? `Shift cancelled: ${e.title}` : `Shift taken off your roster: ${e.title}`,
			message: `${e.title}, ${when(e)}, is no longer on your roster.`,
			warning: true
		});

	if (!before) {
		if (live(after)) added(after);
	} else if (!after) {
		if (live(before)) removed(before, true);
	} else if (before.staffId !== after.staffId) {
		if (live(before)) removed(before, false);
		if (live(after)) added(after);
	} else if (live(before) && after.status === 'cancelled') {
		removed(before, true);
	} else if (before.status === 'cancelled' && live(after)) {
		out.push({
			userId: after.staffId!,
			title: `Shift back on: ${after.title}`,
			message: `${after.title}, ${when(after)}${place(after)}, is on your roster again.`,
			warning: false
		});
	} else if (
		(live(before) || live(after)) &&
		after.status !== 'cancelled' &&
		(before.startDatetime !== after.startDatetime ||
			before.endDatetime !== after.endDatetime ||
			before.location !== after.location)
	) {
		out.push({
			userId: after.staffId!,
			title: `Shift moved: ${after.title}`,
			message: `${after.title} is now ${when(after)}${place(after)} (was ${when(before)}${place(before)}).`,
			warning: true
		});
	}
	return out;
}

/** Notifies the staff members a change concerns, except the person who made it. */
export async function tellStaff(actor: { id: string; role: UserRole }, change: Change) {
	for (const note of notes(change)) {
		if (note.userId === actor.id) continue;
		const id = change.after?.id ?? change.before!.id;
		await notifications.notify([note.userId], {
			kind: 'roster_changes',
			type: note.warning ? 'warning' : 'info',
			title: note.title,
			message: note.message,
			relatedTable: 'calendar_events',
			relatedId: id,
			link: `/calendar?event=${id}`
		});
	}
}
