import { describe, expect, it } from 'vitest';
import type { CalendarEventDto } from '$lib/shared/calendar';
import { eventLabel } from './label';

const event = { status: 'cancelled', staffName: '<b>Bo</b>' } as CalendarEventDto;

describe('event labels on the board', () => {
	it('escape everything people typed', () => {
		const html = eventLabel({
			timeText: '09:00',
			title: '<img src=x onerror="alert(1)"> & co',
			event,
			showStaff: true,
			editor: "O'Brien <script>"
		});
		expect(html).not.toMatch(/<img|<script|<b>/);
		expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co');
		expect(html).toContain('&lt;b&gt;Bo&lt;/b&gt;');
		expect(html).toContain('✎ O&#39;Brien &lt;script&gt; is editing');
	});

	it('say the status in words as well as with a mark', () => {
		const html = eventLabel({ timeText: '09:00', title: 'Shift', event, showStaff: false });
		expect(html).toContain('<span aria-hidden="true">✕</span> Shift');
		expect(html).toContain('<span class="ev-hidden">, Cancelled</span>');
		expect(html).not.toContain('ev-sub');
	});
});
