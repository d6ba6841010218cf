/**
 * How the board shows an event: a colour per type (white text on each meets WCAG AA contrast),
 * and a pattern and a word per status, so status never depends on colour alone. The legend and
 * the events use the same table.
 */
import type { EventStatus, EventType } from '$lib/shared/enums';

export const TYPE_LOOK: Record<EventType, { label: string; colour: string }> = {
	session: { label: 'Support session', colour: '#1d4ed8' },
	assessment: { label: 'Assessment', colour: '#7e22ce' },
	meeting: { label: 'Meeting', colour: '#0f766e' },
	reminder: { label: 'Reminder', colour: '#a16207' },
	other: { label: 'Other', colour: '#4b5563' }
};

export const STATUS_LOOK: Record<EventStatus, { label: string; mark: string; hint: string }> = {
	scheduled: { label: 'Scheduled', mark: '○', hint: 'striped: not yet confirmed' },
	confirmed: { label: 'Confirmed', mark: '●', hint: 'solid' },
	completed: { label: 'Completed', mark: '✓', hint: 'faded with a tick' },
	cancelled: { label: 'Cancelled', mark: '✕', hint: 'grey, struck through' }
};

export const colourOf = (type: EventType | null) => TYPE_LOOK[type ?? 'other'].colour;
