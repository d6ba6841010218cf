import { describe, expect, it } from 'vitest';
import type { CalendarEventDto } from '../../shared/calendar';
import { escapeText, foldLine, renderFeed, utcStamp } from './ical';

const event = (overrides: Partial<CalendarEventDto> = {}): CalendarEventDto => ({
	id: '8f0a2c1e-1111-4222-8333-444455556666',
	title: 'Personal care – Alex',
	description: 'Epilepsy: watch for seizures; medication at 10',
	participantId: null,
	participantName: 'Alex',
	staffId: null,
	staffName: 'Wren',
	eventType: 'session',
	startDatetime: '2026-08-03T23:00:00.000Z',
	endDatetime: '2026-08-04T02:00:00.000Z',
	location: '12 Church St, Parramatta; back door',
	status: 'confirmed',
	version: 3,
	createdBy: 'x',
	createdAt: '2026-07-01T00:00:00.000Z',
	updatedAt: '2026-07-02T03:04:05.000Z',
	...overrides
});

describe('iCalendar text', () => {
	it('escapes backslashes, semicolons, commas and newlines', () => {
		expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
	});

	it('folds long lines at 75 octets without splitting a character', () => {
		const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
		const lines = folded.split('\r\n');
		expect(lines.length).toBeGreaterThan(1);
		for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
		expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(
			`SUMMARY:${'é'.repeat(60)}`
		);
	});

	it('writes UTC stamps', () => {
		expect(utcStamp('2026-08-03T23:00:00.000Z')).toBe('20260803T230000Z');
	});

	it('renders a valid calendar with CRLF endings and no health details', () => {
		const text = renderFeed({
			name: 'Wren’s roster',
			boardUrl: 'https://example.org/calendar',
			events: [event(), event({ id: '9f0a2c1e-1111-4222-8333-444455556666', status: 'cancelled' })]
		});
		expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
		expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/\n|\r/);
		expect(text).toContain('DTSTART:20260803T230000Z\r\n');
		expect(text).toContain('LOCATION:12 Church St\\, Parramatta\\; back door\r\n');
		expect(text).toContain('STATUS:CANCELLED');
		expect(text).toContain('SEQUENCE:2');
		expect(text).not.toMatch(/Epilepsy|DESCRIPTION/);
		expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
	});
});
