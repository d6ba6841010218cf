/**
 * The approval queue for keyboard and screen-reader users: where focus goes once rows have been
 * approved or rejected (they leave the queue, and focus must not fall back to the page), and how
 * a session that arrives while the queue is open is announced.
 */
import type { DateTimeFormatter } from '$lib/shared/format';

/**
 * The row to focus after `acted` left the queue: the first row that was below the last one acted
 * on and is still waiting, else the nearest one above, else whatever is waiting now (a new page
 * of the queue, a session that arrived meanwhile). Null when nothing is waiting.
 */
export function nextRow(before: string[], acted: string[], after: string[]): string | null {
	const waiting = new Set(after);
	const gone = new Set(acted);
	const last = Math.max(-1, ...acted.map((id) => before.indexOf(id)));
	const below = before.slice(last + 1).find((id) => !gone.has(id) && waiting.has(id));
	if (below) return below;
	const above = before
		.slice(0, Math.max(last, 0))
		.reverse()
		.find((id) => !gone.has(id) && waiting.has(id));
	return above ?? after.find((id) => !gone.has(id)) ?? null;
}

type Arrival = {
	staffName: string | null;
	participantName: string | null;
	sessionDate: string;
	startTime: string;
	endTime: string;
};

/** "New session from Kai White for Ava Nguyen, 8 Dec 2026 09:00–11:00". */
export function arrivalText(s: Arrival, f: Pick<DateTimeFormatter, 'date' | 'timeRange'>): string {
	const who = s.staffName ?? 'a worker';
	const whom = s.participantName ? ` for ${s.participantName}` : '';
	return `New session from ${who}${whom}, ${f.date(s.sessionDate)} ${f.timeRange(s.startTime, s.endTime)}`;
}
