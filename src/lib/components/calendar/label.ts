/**
 * An event's label on the board, as HTML the calendar sets in one go: thousands are drawn at
 * once, and a string is far cheaper to render than a component each. Every value is escaped.
 */
import type { CalendarEventDto } from '$lib/shared/calendar';
import { STATUS_LOOK } from './look';

export function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);
}

export type Label = {
	timeText: string;
	title: string;
	event: CalendarEventDto | undefined;
	/** Name the staff member (views without a row per staff member). */
	showStaff: boolean;
	/** Someone else editing it right now. */
	editor?: string;
	saving?: boolean;
};

export function eventLabel({ timeText, title, event, showStaff, editor, saving }: Label): string {
	const status = event ? STATUS_LOOK[event.status] : null;
	const mark = status ? `<span aria-hidden="true">${status.mark}</span> ` : '';
	const parts = [
		`<span class="ev-time">${escapeHtml(timeText)}</span>`,
		`<span class="ev-title">${mark}${escapeHtml(title)}</span>`
	];
	if (event && showStaff) {
		parts.push(`<span class="ev-sub">${escapeHtml(event.staffName ?? 'Unassigned')}</span>`);
	}
	// Status in words for screen readers; sighted people have the mark and the pattern.
	if (status) parts.push(`<span class="ev-hidden">, ${status.label}</span>`);
	if (editor) parts.push(`<span class="ev-editing">✎ ${escapeHtml(editor)} is editing</span>`);
	if (saving) parts.push('<span class="ev-sub">Saving…</span>');
	return parts.join('');
}
