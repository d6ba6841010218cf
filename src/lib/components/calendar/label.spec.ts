import { describe, expect, it } from 'vitest';
import { staffLabels } from '$lib/shared/calendar';
import { eventLabel, eventName, whenText, type Label } from './label';

const label: Label = {
	start: '2026-12-08T09:00:00',
	end: '2026-12-08T11:00:00',
	title: 'Morning care',
	staff: 'Kai White',
	participant: 'Ava Nguyen',
	status: 'confirmed',
	timeFormat: '24h'
};

describe('event labels on the board', () => {
	it('escape everything people typed', () => {
		const html = eventLabel({
			...label,
			title: '<img src=x onerror="alert(1)"> & co',
			staff: '<b>Bo</b>',
			participant: '"Quote" <i>',
			editor: "O'Brien <script>"
		});
		expect(html).not.toMatch(/<img|<script|<b>|<i>/);
		expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co');
		expect(html).toContain('&lt;b&gt;Bo&lt;/b&gt;');
		expect(html).toContain('✎ O&#39;Brien &lt;script&gt; is editing');
		// The sentence in the attribute is escaped too: no way out of the quotes.
		expect(html).toMatch(/data-name="[^"]*&quot;Quote&quot; &lt;i&gt;[^"]*"/);
	});

	it('show who, with whom and when, and say it all in one sentence', () => {
		const html = eventLabel(label);
		expect(html).toContain('<span class="ev-time">09:00</span>–<span class="ev-end">11:00</span>');
		expect(html).toContain('<span class="ev-staff">Kai White</span>');
		expect(html).toContain('<span class="ev-participant">Ava Nguyen</span>');
		expect(eventName(label)).toBe(
			'Kai White with Ava Nguyen, Tue 8 Dec 09:00–11:00, Morning care, Confirmed'
		);
		expect(html).toContain(`data-name="${eventName(label)}"`);
	});

	it('say the status in words as well as with a mark, and who else is editing', () => {
		const cancelled = { ...label, status: 'cancelled' as const, editor: 'Cass Coordinator' };
		expect(eventLabel(cancelled)).toContain('<span aria-hidden="true">✕</span> Morning care');
		expect(eventName(cancelled)).toMatch(/, Cancelled, Cass Coordinator is editing$/);
	});

	it('name an open shift and one past midnight plainly', () => {
		const night = {
			...label,
			staff: 'Unassigned',
			participant: null,
			start: '2026-12-08T22:00:00',
			end: '2026-12-09T02:00:00',
			status: undefined
		};
		expect(eventName(night)).toBe('Unassigned, Tue 8 Dec 22:00 – Wed 9 Dec 02:00, Morning care');
		expect(eventLabel(night)).toContain('<span class="ev-end">Wed 9 Dec 02:00</span>');
		expect(eventLabel(night)).not.toContain('ev-participant');
	});
});

describe("times on the board follow the viewer's clock", () => {
	it('read on the 12-hour clock for someone who chose it, in the block and in the sentence', () => {
		const twelve = { ...label, start: '2026-12-08T09:00:00', end: '2026-12-08T13:30:00' };
		const html = eventLabel({ ...twelve, timeFormat: '12h' });
		expect(html).toContain(
			'<span class="ev-time">9:00 am</span>–<span class="ev-end">1:30 pm</span>'
		);
		expect(eventName({ ...twelve, timeFormat: '12h' })).toBe(
			'Kai White with Ava Nguyen, Tue 8 Dec 9:00 am–1:30 pm, Morning care, Confirmed'
		);
		expect(html).not.toMatch(/13:30|09:00/);
		// The same event on the 24-hour clock.
		expect(eventName(twelve)).toContain('Tue 8 Dec 09:00–13:30');
	});

	it('say midnight and noon plainly, and both days of a night shift', () => {
		expect(whenText('2026-12-08T12:00', '2026-12-09T00:00', '12h')).toBe(
			'Tue 8 Dec 12:00 pm–12:00 am'
		);
		expect(whenText('2026-12-08T22:00:00', '2026-12-09T02:00:00', '12h')).toBe(
			'Tue 8 Dec 10:00 pm – Wed 9 Dec 2:00 am'
		);
		expect(
			eventLabel({
				...label,
				start: '2026-12-08T22:00:00',
				end: '2026-12-09T02:00:00',
				timeFormat: '12h'
			})
		).toContain('<span class="ev-end">Wed 9 Dec 2:00 am</span>');
	});
});

describe('staff names on the board', () => {
	it('tell namesakes apart by role, or by email when the role is the same too', () => {
		const labels = staffLabels([
			{ id: '1', name: 'Kai White', role: 'support_worker', email: 'kai@a.test' },
			{ id: '2', name: 'kai white ', role: 'support_worker', email: 'kai.w@b.test' },
			{ id: '3', name: 'Kai White', role: 'support_coordinator', email: 'kw@c.test' },
			{ id: '4', name: 'Ava Nguyen', role: 'support_worker', email: 'ava@a.test' }
		]);
		expect([...labels.values()]).toEqual([
			'Kai White (kai@a.test)',
			'kai white (kai.w@b.test)',
			'Kai White (Support coordinator)',
			'Ava Nguyen'
		]);
	});
});
