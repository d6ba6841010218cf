/**
 * Wall-clock times in the provider's time zone, for code that runs in the browser as well as on
 * the server. The roster board shows and edits the provider's local times whatever zone the
 * viewer's computer is in, so an instant goes to the board as a floating "YYYY-MM-DDTHH:MM:SS" and
 * comes back through `fromWallClock`. Uses only the runtime's Intl time-zone database.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
	let found = formats.get(timeZone);
	if (!found) {
		found = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		formats.set(timeZone, found);
	}
	return found;
}

/** The local wall-clock time of an instant in the zone: "2026-08-04T09:00:00". */
export function wallClock(at: Date | string, timeZone: string): string {
	const parts: Record<string, string> = {};
	for (const part of format(timeZone).formatToParts(new Date(at))) parts[part.type] = part.value;
	return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Minutes the zone is ahead of UTC at an instant (600 for AEST, 660 for AEDT). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
	const wall = Date.parse(`${wallClock(at, timeZone)}Z`);
	return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** "+10:00" for an offset in minutes. */
export function offsetText(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The instant a local wall-clock time ("YYYY-MM-DDTHH:MM[:SS]") happens in the zone. A time that
 * does not exist (skipped by daylight saving) lands an hour later, as clocks do.
 */
export function fromWallClock(wall: string, timeZone: string): Date {
	const asUtc = new Date(`${wall.length === 16 ? `${wall}:00` : wall.slice(0, 19)}Z`);
	const guess = new Date(asUtc.getTime() - zoneOffsetMinutes(asUtc, timeZone) * 60_000);
	return new Date(asUtc.getTime() - zoneOffsetMinutes(guess, timeZone) * 60_000);
}

/** The same wall-clock time `days` later (DST-safe: 09:00 stays 09:00). */
export function addDaysToWall(wall: string, days: number): string {
	const d = new Date(`${wall.slice(0, 10)}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return `${d.toISOString().slice(0, 10)}${wall.slice(10)}`;
}
