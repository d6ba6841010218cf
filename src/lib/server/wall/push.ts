/**
 * Fresh wall figures the moment something they count changes (a session submitted, approved or
 * rejected), instead of at the next minute's 'wall-refresh'. Requests are coalesced per process:
 * the first one sends after a short pause, everything that arrives meanwhile rides along, and a
 * request made while figures are being computed gets one more send after it, so the last change is
 * always on the walls and a burst of fifty approvals costs two queries, not fifty.
 */
import { currentTransaction } from '../db/context';
import { publishWalls } from './figures';

/** How long a request waits for others to join it. */
export const WALL_PUSH_DELAY_MS = 150;

let waiting: ReturnType<typeof setTimeout> | null = null;
let running: Promise<void> | null = null;
let again = false;

function send(): void {
	waiting = null;
	if (running) {
		again = true;
		return;
	}
	running = publishWalls('budget').finally(() => {
		running = null;
		if (again) {
			again = false;
			schedule();
		}
	});
}

function schedule(): void {
	waiting ??= setTimeout(send, WALL_PUSH_DELAY_MS);
}

/** Asks for the walls' budget figures to be sent once the caller's transaction commits. */
export function requestWallRefresh(): void {
	const open = currentTransaction();
	if (open) open.afterCommit(schedule);
	else schedule();
}

/** Waits for any requested send to finish (tests, and a clean shutdown). */
export async function settleWallRefresh(): Promise<void> {
	while (waiting || running) {
		if (running) await running;
		else await new Promise((resolve) => setTimeout(resolve, WALL_PUSH_DELAY_MS));
	}
}
