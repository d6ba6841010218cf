import { authorize } from '$lib/server/auth/authorize';
import { scopeOf } from '$lib/server/auth/permissions';
import { boardOptions } from '$lib/server/services/calendar-board';
import * as feeds from '$lib/server/services/calendar-feed';
import { DEFAULT_TIME_ZONE } from '$lib/server/time';
import { isRealDate } from '$lib/server/validation/fields';
import { EVENT_STATUSES, EVENT_TYPES } from '$lib/shared/enums';
import type { PageServerLoad } from './$types';

const VIEWS = [
	'resourceTimelineDay',
	'resourceTimelineWeek',
	'timeGridWeek',
	'dayGridMonth',
	'listWeek'
] as const;

/**
 * The board's frame: rows, choices and where it was left (view, date, filters from the URL). The
 * events themselves are fetched by the board for the dates it shows, from the API.
 */
export const load = (async ({ locals, url }) => {
	const scope = authorize(locals.user, 'calendar-events', 'read');
	const user = locals.user!;
	const { staff, participants } = await boardOptions(user);
	const param = (name: string) => url.searchParams.get(name) ?? '';
	const pick = <T extends string>(value: string, allowed: readonly T[]) =>
		(allowed as readonly string[]).includes(value) ? (value as T) : '';
	const date = param('date');
	const event = param('event');
	return {
		userId: user.id,
		// Coordinators manage every row; frontline staff see (and confirm) their own.
		manages: scope === 'all' && scopeOf(user.role, 'calendar-events', 'create') === 'all',
		staff,
		participants,
		timeZone: DEFAULT_TIME_ZONE,
		feed: await feeds.status(user.id),
		initial: {
			view: pick(param('view'), VIEWS),
			date: /^\d{4}-\d{2}-\d{2}$/.test(date) && isRealDate(date) ? date : '',
			event: /^[0-9a-f-]{36}$/i.test(event) ? event : '',
			staffId: staff.some((s) => s.id === param('staffId')) ? param('staffId') : '',
			participantId: participants.some((p) => p.id === param('participantId'))
				? param('participantId')
				: '',
			eventType: pick(param('eventType'), EVENT_TYPES),
			status: pick(param('status'), EVENT_STATUSES)
		}
	};
}) satisfies PageServerLoad;
