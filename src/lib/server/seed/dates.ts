/**
 * Service dates are the provider's local dates in Australia/Sydney (the default time-zone
 * setting), whatever zone the machine running the seed is in. Dates are 'YYYY-MM-DD' strings;
 * instants are ISO strings with the Sydney offset of that moment (AEST or AEDT).
 */
export const TIME_ZONE = 'Australia/Sydney';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});
const offsetFormat = new Intl.DateTimeFormat('en-AU', {
	timeZone: TIME_ZONE,
	timeZoneName: 'longOffset'
});

export function sydneyToday(now = new Date()): string {
	return dateFormat.format(now);
}

export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(date: string): number {
	return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** Minutes since midnight → 'HH:MM'. */
export function clock(minutes: number): string {
	const m = ((minutes % 1440) + 1440) % 1440;
	return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function offsetMinutesAt(instant: Date): number {
	const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
	const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
	if (!match) return 0;
	const minutes = Number(match[2]) * 60 + Number(match[3]);
	return match[1] === '-' ? -minutes : minutes;
}

/** The instant of a Sydney wall-clock time, `minutes` after local midnight of `date` (may exceed a day). */
export function sydneyInstant(date: string, minutes: number): string {
	const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
	// Two passes settle the offset on either side of a daylight-saving change.
	let offset = offsetMinutesAt(new Date(wall));
	offset = offsetMinutesAt(new Date(wall - offset * 60_000));
	const local = new Date(wall).toISOString().slice(0, 19);
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	return `${local}${sign}${clock(abs)}`;
}
