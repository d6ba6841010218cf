/**
 * Each event's accessible name and tooltip, set after the calendar renders (the library draws its
 * own elements, and re-draws them as events and views change): the sentence its label carries in
 * `data-name` (label.ts), "Kai White with Ava Nguyen, Tue 8 Dec 09:00–11:00, …". The library's
 * table roles are put right in roles.ts.
 */
import type { Attachment } from 'svelte/attachments';

function nameEvents(root: Element | DocumentFragment): void {
	const labels =
		root instanceof Element && root.matches('.ev[data-name]')
			? [root]
			: root.querySelectorAll('.ev[data-name]');
	for (const label of labels) {
		const event = label.closest('.ec-event');
		const name = label.getAttribute('data-name');
		if (!event || !name) continue;
		if (event.getAttribute('aria-label') !== name) event.setAttribute('aria-label', name);
		if (event.getAttribute('title') !== name) event.setAttribute('title', name);
	}
}

export const boardA11y: Attachment<HTMLElement> = (board) => {
	// After each render the calendar makes (one call however many events it drew).
	const observer = new MutationObserver((records) => {
		for (const record of records) {
			for (const node of record.addedNodes) {
				if (node instanceof Element && node.isConnected) nameEvents(node);
			}
		}
	});
	nameEvents(board);
	observer.observe(board, { childList: true, subtree: true });
	return () => observer.disconnect();
};
