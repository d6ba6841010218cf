/**
 * One date and time style for the whole app: Australian dates ("8 Dec 2026") and times in the
 * person's own choice of 24-hour ("14:00") or 12-hour ("2:00 pm") clock (preference
 * `display.time_format`). Instants read in the provider's time zone, whatever the browser's.
 * Built from parts rather than `dateStyle`, so every runtime's ICU gives the same words.
 */
import { wallClock } from './zone';

export type TimeFormat = '24h' | '12h';

export type DateTimeStyle = { timeZone: string; timeFormat: TimeFormat };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function isTimeFormat(value: unknown): value is TimeFormat {
	return value === '24h' || value === '12h';
}

/** A calendar date ("2026-12-08", or the date of a longer ISO string): "8 Dec 2026". */
export function formatDate(date: string | null | undefined): string {
	const match = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
	if (!match) return date || '—';
	const [, year, month, day] = match;
	return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
}

/**
 * A calendar date with its weekday, for a sentence: "Sat 21 Nov 2026", or "Sat 21 Nov" when it
 * falls in the year of `sameYearAs` (a date such as today), where the year goes without saying.
 */
export function formatWeekdayDate(date: string | null | undefined, sameYearAs?: string): string {
	const match = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
	if (!match) return date || '—';
	const [, year, month, day] = match;
	const weekday =
		WEEKDAYS[new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay()];
	const short = `${weekday} ${Number(day)} ${MONTHS[Number(month) - 1]}`;
	return sameYearAs?.slice(0, 4) === year ? short : `${short} ${year}`;
}

/** A wall-clock time ("14:00" or "14:00:00"): "14:00", or "2:00 pm" on the 12-hour clock. */
export function formatTime(time: string | null | undefined, timeFormat: TimeFormat): string {
	const match = time ? /^(\d{1,2}):(\d{2})/.exec(time) : null;
	if (!match) return time || '—';
	const hour = Number(match[1]) % 24;
	const minute = match[2];
	if (timeFormat === '24h') return `${String(hour).padStart(2, '0')}:${minute}`;
	return `${hour % 12 === 0 ? 12 : hour % 12}:${minute} ${hour < 12 ? 'am' : 'pm'}`;
}

/** A span of wall-clock times: "09:00–11:30" or "9:00 am–11:30 am". */
export function formatTimeRange(start: string, end: string, timeFormat: TimeFormat): string {
	return `${formatTime(start, timeFormat)}–${formatTime(end, timeFormat)}`;
}

/** An instant's date in the provider's zone: "8 Dec 2026". */
export function formatInstantDate(iso: string | Date | null | undefined, timeZone: string) {
	if (!iso) return '—';
	return formatDate(wallClock(iso, timeZone));
}

/** An instant's time in the provider's zone: "14:00" or "2:00 pm". */
export function formatInstantTime(iso: string | Date | null | undefined, style: DateTimeStyle) {
	if (!iso) return '—';
	return formatTime(wallClock(iso, style.timeZone).slice(11, 16), style.timeFormat);
}

/**
 * An instant in the provider's zone: "8 Dec 2026, 14:00". The time format may be left out by
 * code that has no person to ask (it then reads 24-hour).
 */
export function formatInstant(
	iso: string | Date | null | undefined,
	timeZone: string,
	timeFormat: TimeFormat = '24h'
): string {
	if (!iso) return '—';
	const wall = wallClock(iso, timeZone);
	return `${formatDate(wall)}, ${formatTime(wall.slice(11, 16), timeFormat)}`;
}

/** The formatter a page or component holds: every function above, bound to one person's style. */
export function dateTimeFormatter(style: () => DateTimeStyle) {
	return {
		get timeZone() {
			return style().timeZone;
		},
		get timeFormat() {
			return style().timeFormat;
		},
		date: (date: string | null | undefined) => formatDate(date),
		time: (time: string | null | undefined) => formatTime(time, style().timeFormat),
		timeRange: (start: string, end: string) => formatTimeRange(start, end, style().timeFormat),
		instant: (iso: string | Date | null | undefined) =>
			formatInstant(iso, style().timeZone, style().timeFormat),
		instantDate: (iso: string | Date | null | undefined) =>
			formatInstantDate(iso, style().timeZone),
		instantTime: (iso: string | Date | null | undefined) => formatInstantTime(iso, style())
	};
}

export type DateTimeFormatter = ReturnType<typeof dateTimeFormatter>;
