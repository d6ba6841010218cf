/**
 * An event's label on the board, as HTML the calendar sets in one go: thousands are drawn at
 * once, and a string is far cheaper to render than a component each. Every value is escaped.
 *
 * Every event says who, with whom and when in its visible text, and the same in one sentence
 * (`eventName`) that the board gives it as its accessible name and tooltip: "Kai White with Ava
 * Nguyen, Tue 8 Dec 09:00–11:00, Morning care, Confirmed". Times follow the viewer's 24- or
 * 12-hour choice, as everywhere else in the app ("9:00 am–11:00 am").
 */
import type { EventStatus } from '$lib/shared/enums';
import { formatTime, type TimeFormat } from '$lib/shared/format';
import { STATUS_LOOK } from './look';

export function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);
}

export type Label = {
	/** Wall-clock times in the provider's zone, `YYYY-MM-DDTHH:MM:SS`. */
	start: string;
	end: string;
	title: string;
	/** The staff member as the board names them (told apart from namesakes), or "Unassigned". */
	staff: string;
	participant: string | null;
	status: EventStatus | undefined;
	/** Someone else editing it right now. */
	editor?: string;
	saving?: boolean;
	/** The viewer's clock. */
	timeFormat: TimeFormat;
};

const dayFormat = new Intl.DateTimeFormat('en-AU', {
	weekday: 'short',
	day: 'numeric',
	month: 'short',
	timeZone: 'UTC'
});

/** "Tue 8 Dec" for a wall-clock date. */
export function dayText(wall: string): string {
	const [y, m, d] = wall.slice(0, 10).split('-').map(Number);
	return dayFormat.format(new Date(Date.UTC(y!, m! - 1, d!))).replace(',', '');
}

const endsSameDay = (start: string, end: string) =>
	start.slice(0, 10) === end.slice(0, 10) || end.slice(11, 16) === '00:00';

/**
 * "Tue 8 Dec 09:00–11:00" ("Tue 8 Dec 9:00 am–11:00 am"), or with both days when it runs past
 * midnight. Wall-clock times `YYYY-MM-DDTHH:MM`, seconds optional.
 */
export function whenText(start: string, end: string, timeFormat: TimeFormat): string {
	const time = (wall: string) => formatTime(wall.slice(11, 16), timeFormat);
	if (endsSameDay(start, end)) return `${dayText(start)} ${time(start)}–${time(end)}`;
	return `${dayText(start)} ${time(start)} – ${dayText(end)} ${time(end)}`;
}

const whoText = (l: Label) => (l.participant ? `${l.staff} with ${l.participant}` : l.staff);

/** The event in one sentence: its accessible name and its tooltip. */
export function eventName(l: Label): string {
	const parts = [whoText(l), whenText(l.start, l.end, l.timeFormat), l.title];
	if (l.status) parts.push(STATUS_LOOK[l.status].label);
	if (l.editor) parts.push(`${l.editor} is editing`);
	if (l.saving) parts.push('saving');
	return parts.join(', ');
}

export function eventLabel(l: Label): string {
	const status = l.status ? STATUS_LOOK[l.status] : null;
	const mark = status ? `<span aria-hidden="true">${status.mark}</span> ` : '';
	const time = (wall: string) => formatTime(wall.slice(11, 16), l.timeFormat);
	// Past midnight: the end says its day too (the week view shows the event on its first day).
	const endText = endsSameDay(l.start, l.end) ? time(l.end) : `${dayText(l.end)} ${time(l.end)}`;
	const parts = [
		// `.ev-time` is the start alone: the journeys and the live check read it.
		`<span class="ev-when"><span class="ev-time">${time(l.start)}</span>–<span class="ev-end">${escapeHtml(endText)}</span></span>`,
		`<span class="ev-who"><span class="ev-staff">${escapeHtml(l.staff)}</span>${
			l.participant
				? ` <span class="ev-with">with</span> <span class="ev-participant">${escapeHtml(l.participant)}</span>`
				: ''
		}</span>`,
		`<span class="ev-title">${mark}${escapeHtml(l.title)}</span>`
	];
	if (l.editor) parts.push(`<span class="ev-editing">✎ ${escapeHtml(l.editor)} is editing</span>`);
	if (l.saving) parts.push('<span class="ev-sub">Saving…</span>');
	// The board copies `data-name` onto the event itself (its aria-label and title).
	return `<span class="ev" data-name="${escapeHtml(eventName(l))}">${parts.join('')}</span>`;
}
