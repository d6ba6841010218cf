/** The roster (calendar-event) and calendar-feed endpoints, for the OpenAPI document. */
import {
	eventDeleteQuery,
	eventFilters,
	eventPatchSchema,
	newEventSchema,
	recurringEventSchema
} from '../services/calendar-event-schema';
import type { Operation } from './openapi';
import * as R from './responses';

export const CALENDAR_OPERATIONS: Operation[] = [
	{
		method: 'get',
		path: '/api/v1/calendar-events',
		operationId: 'listCalendarEvents',
		result: R.Lists.events,
		permission: ['calendar-events', 'read'],
		tag: 'calendar-events',
		summary:
			'List roster events (frontline staff see their own). With from and to (at most 42 days): every event overlapping that range, up to 5000 in one answer; filters take comma-separated lists',
		query: eventFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'post',
		path: '/api/v1/calendar-events',
		operationId: 'createCalendarEvent',
		result: R.CalendarEventDto,
		permission: ['calendar-events', 'create'],
		tag: 'calendar-events',
		summary: 'Roster an event; the staff member is notified',
		body: newEventSchema,
		responses: {
			201: 'The event, at version 1',
			400: 'Invalid fields: end not after start, longer than 24 hours, completed before it ended',
			409: 'The staff member or participant is already booked then, on leave or inactive'
		}
	},
	{
		method: 'post',
		path: '/api/v1/calendar-events/recurring',
		operationId: 'createRecurringCalendarEvents',
		result: R.CalendarEventList,
		permission: ['calendar-events', 'create'],
		tag: 'calendar-events',
		summary:
			'Roster the same weekday and times every week for `weeks` weeks (2–52): all of them, or none',
		body: recurringEventSchema,
		responses: {
			201: '{data}: the events, one a week',
			409: 'Some weeks clash (each named), or the staff member is on leave or inactive'
		}
	},
	{
		method: 'get',
		path: '/api/v1/calendar-events/{id}',
		operationId: 'getCalendarEvent',
		result: R.CalendarEventDto,
		permission: ['calendar-events', 'read'],
		tag: 'calendar-events',
		summary: 'One event',
		responses: { 200: 'The event', 404: 'No such event, or not yours' }
	},
	{
		method: 'patch',
		path: '/api/v1/calendar-events/{id}',
		operationId: 'updateCalendarEvent',
		result: R.CalendarEventDto,
		permission: ['calendar-events', 'update'],
		tag: 'calendar-events',
		summary:
			'Move, reassign or edit an event; send the version you read. Frontline staff may only confirm their own or mark it completed',
		body: eventPatchSchema,
		responses: {
			200: 'The event, its version one higher',
			403: 'A frontline change other than confirming or completing',
			404: 'No such event, or not yours',
			409: {
				description: 'Stale version (with `current`: the event as it is now), a clash, or leave',
				schema: R.StaleVersion
			}
		}
	},
	{
		method: 'delete',
		path: '/api/v1/calendar-events/{id}',
		operationId: 'deleteCalendarEvent',
		query: eventDeleteQuery,
		permission: ['calendar-events', 'delete'],
		tag: 'calendar-events',
		summary: 'Delete an event (?version=N: only if still at that version)',
		responses: {
			204: 'Deleted',
			404: 'No such event',
			409: {
				description: 'Stale version (with `current`: the event as it is now)',
				schema: R.StaleVersion
			}
		}
	},
	{
		method: 'get',
		path: '/api/v1/calendar-feed',
		operationId: 'getCalendarFeed',
		result: R.FeedStatusDto,
		permission: ['calendar-events', 'read'],
		tag: 'calendar-events',
		summary: 'Whether you have a private calendar feed link, and when it was made and last used',
		responses: { 200: '{active, createdAt, lastUsedAt}' }
	},
	{
		method: 'post',
		path: '/api/v1/calendar-feed',
		operationId: 'createCalendarFeed',
		result: R.NewFeed,
		permission: ['calendar-events', 'read'],
		tag: 'calendar-events',
		summary:
			'Make a private iCalendar link to your own roster (replacing any earlier one); shown only once',
		responses: { 201: '{url, createdAt}' }
	},
	{
		method: 'delete',
		path: '/api/v1/calendar-feed',
		operationId: 'revokeCalendarFeed',
		permission: ['calendar-events', 'read'],
		tag: 'calendar-events',
		summary: 'Revoke your calendar feed link',
		responses: { 204: 'Revoked', 404: 'There was none' }
	}
];
