/**
 * Dates of service are the provider's local dates (default Australia/Sydney); instants are UTC.
 * These convert between the two without a time-zone library, using the runtime's tz database.
 */
export const DEFAULT_TIME_ZONE = 'Australia/Sydney';

/** Minutes the zone is ahead of UTC at a given instant (600 for AEST, 660 for AEDT). */
export function offsetMinutes(at: Date, timeZone = DEFAULT_TIME_ZONE): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(at);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const local = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second')
	);
	return Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a local calendar date (YYYY-MM-DD) begins in the zone. */
export function startOfLocalDay(date: string, timeZone = DEFAULT_TIME_ZONE): Date {
	const utcMidnight = new Date(`${date}T00:00:00Z`);
	let instant = new Date(utcMidnight.getTime() - offsetMinutes(utcMidnight, timeZone) * 60_000);
	// Near a daylight-saving change the offset at the answer can differ from the first guess.
	const corrected = offsetMinutes(instant, timeZone);
	instant = new Date(utcMidnight.getTime() - corrected * 60_000);
	return instant;
}

/** The local calendar date (YYYY-MM-DD) of an instant in the zone. */
export function localDate(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);
}

export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** The instant a local wall-clock time (HH:MM) on a local date happens in the zone. */
export function localInstant(date: string, time: string, timeZone = DEFAULT_TIME_ZONE): Date {
	const wall = new Date(`${date}T${time.slice(0, 5)}:00Z`);
	const guess = new Date(wall.getTime() - offsetMinutes(wall, timeZone) * 60_000);
	return new Date(wall.getTime() - offsetMinutes(guess, timeZone) * 60_000);
}
