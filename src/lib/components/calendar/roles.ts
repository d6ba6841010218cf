/**
 * The calendar library marks its CSS grid up as an ARIA table (or, in the list view, a list),
 * but the structure does not hold: the toolbar sits inside the "table", staff names are row
 * headers outside any row, and events are buttons between rows. Screen readers then announce a
 * broken table, and axe reports it as critical (aria-required-children, aria-required-parent).
 *
 * This attachment takes those table roles away after each render, so the board reads as what it
 * is: a toolbar, day and staff headings as text, and events as buttons whose names say who, with
 * whom and when (a11y.ts). The list view keeps its list, on the element that holds the days.
 * The library sets its roles again when it re-draws or switches view; a MutationObserver puts
 * things right once per frame.
 */
import type { Attachment } from 'svelte/attachments';

const TABLE_ROLES = ['table', 'row', 'rowgroup', 'rowheader', 'columnheader', 'cell', 'gridcell'];
const TABLE_SELECTOR = TABLE_ROLES.map((r) => `[role="${r}"]`).join(',');
// Only meaningful inside a table: left on a plain element, they are invalid ARIA.
const TABLE_ATTRIBUTES = ['aria-colindex', 'aria-colspan', 'aria-rowindex', 'aria-rowspan'];

export function fixRoles(board: Element): void {
	const calendar = board.querySelector('.ec');
	if (!calendar) return;
	// The root is a "table" or a "list" that also holds the toolbar: neither.
	if (calendar.hasAttribute('role')) calendar.removeAttribute('role');
	for (const element of calendar.querySelectorAll(TABLE_SELECTOR)) {
		element.removeAttribute('role');
		for (const attribute of TABLE_ATTRIBUTES) {
			if (element.hasAttribute(attribute)) element.removeAttribute(attribute);
		}
	}
	// The list view: its days are list items, so the element holding them is the list.
	for (const main of calendar.querySelectorAll('.ec-main')) {
		const hasItems = main.querySelector(':scope > [role="listitem"]') !== null;
		if (hasItems && main.getAttribute('role') !== 'list') main.setAttribute('role', 'list');
		if (!hasItems && main.getAttribute('role') === 'list') main.removeAttribute('role');
	}
}

export const boardRoles: Attachment<HTMLElement> = (board) => {
	let frame = 0;
	const flush = () => {
		frame = 0;
		fixRoles(board);
	};
	const observer = new MutationObserver(() => {
		if (!frame) frame = requestAnimationFrame(flush);
	});
	fixRoles(board);
	observer.observe(board, { childList: true, subtree: true, attributeFilter: ['role'] });
	return () => {
		observer.disconnect();
		if (frame) cancelAnimationFrame(frame);
	};
};
