/**
 * iCalendar (RFC 5545) text for a person's roster feed: CRLF line endings, lines folded at 75
 * octets without splitting a character, TEXT values escaped, times in UTC (so no VTIMEZONE is
 * needed and every calendar app agrees on the instant). Written here rather than with a library:
 * a feed of simple events needs a handful of properties, and each one is tested.
 */
import type { CalendarEventDto } from '../../shared/calendar';
import type { EventStatus } from '../../shared/enums';

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (§3.1): CRLF and one space, never inside a UTF-8 character. */
export function foldLine(line: string): string {
	const encoder = new TextEncoder();
	const out: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = encoder.encode(char).length;
		// Continuation lines start with a space, which counts towards their 75.
		if (octets + size > 75) {
			out.push(current);
			current = ' ';
			octets = 1;
		}
		current += char;
		octets += size;
	}
	out.push(current);
	return out.join('\r\n');
}

/** 20260804T230000Z */
export function utcStamp(at: Date | string): string {
	return new Date(at)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

const STATUS: Record<EventStatus, string> = {
	scheduled: 'TENTATIVE',
	confirmed: 'CONFIRMED',
	completed: 'CONFIRMED',
	cancelled: 'CANCELLED'
};

export type Feed = {
	name: string;
	/** Where the board is, for each event's URL (optional). */
	boardUrl?: string;
	events: CalendarEventDto[];
};

/**
 * The calendar's text. Only what a phone needs to show a shift: what, when, where and whether it
 * is on. Descriptions are left out on purpose: they may hold a participant's health details, and
 * a phone calendar is not the place for those.
 */
export function renderFeed(feed: Feed): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//NDIS Provider Platform//Roster feed//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(feed.name)}`,
		'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
		'X-PUBLISHED-TTL:PT1H'
	];
	for (const event of feed.events) {
		lines.push(
			'BEGIN:VEVENT',
			`UID:${event.id}@ndis-provider-platform`,
			`DTSTAMP:${utcStamp(event.updatedAt)}`,
			`LAST-MODIFIED:${utcStamp(event.updatedAt)}`,
			`SEQUENCE:${Math.max(0, event.version - 1)}`,
			`DTSTART:${utcStamp(event.startDatetime)}`,
			`DTEND:${utcStamp(event.endDatetime)}`,
			`SUMMARY:${escapeText(event.title)}`,
			`STATUS:${STATUS[event.status]}`
		);
		if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
		if (event.eventType) lines.push(`CATEGORIES:${escapeText(event.eventType)}`);
		if (feed.boardUrl) lines.push(`URL:${feed.boardUrl}?event=${event.id}`);
		lines.push('END:VEVENT');
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
