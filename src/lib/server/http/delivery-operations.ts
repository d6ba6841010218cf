/** The session-log and notification endpoints, for the OpenAPI document (spread into OPERATIONS). */
import { notificationFilters } from '../services/notifications';
import {
	bulkReviewSchema,
	newSessionSchema,
	rejectSchema,
	sessionFilters,
	sessionPatchSchema
} from '../services/session-log-schema';
import type { Operation } from './openapi';
import * as R from './responses';

export const DELIVERY_OPERATIONS: Operation[] = [
	{
		method: 'get',
		path: '/api/v1/session-logs',
		operationId: 'listSessionLogs',
		result: R.Lists.sessions,
		permission: ['session-logs', 'read'],
		tag: 'session-logs',
		summary:
			'List session logs (frontline staff see their own); status, worker, participant, date filters',
		query: sessionFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'post',
		path: '/api/v1/session-logs',
		operationId: 'createSessionLog',
		result: R.SessionLogDto,
		permission: ['session-logs', 'create'],
		tag: 'session-logs',
		summary:
			'Log a delivered session (end before start = next day), optionally with a progress note',
		body: newSessionSchema,
		responses: {
			201: 'The session, pending approval',
			400: 'Invalid fields: equal times, in the future, outside the plan, participant not yours',
			409: 'Overlaps another session of the same worker (named in the message)'
		}
	},
	{
		method: 'get',
		path: '/api/v1/session-logs/{id}',
		operationId: 'getSessionLog',
		result: R.SessionLogDto,
		permission: ['session-logs', 'read'],
		tag: 'session-logs',
		summary: 'One session log',
		responses: { 200: 'The session', 404: 'No such session, or not yours' }
	},
	{
		method: 'patch',
		path: '/api/v1/session-logs/{id}',
		operationId: 'updateSessionLog',
		result: R.SessionLogDto,
		permission: ['session-logs', 'update'],
		tag: 'session-logs',
		summary: 'Correct a pending or rejected session (a rejected one goes back to pending)',
		body: sessionPatchSchema,
		responses: {
			200: 'The session',
			404: 'No such session, or not yours',
			409: 'Already approved, or overlaps another session'
		}
	},
	{
		method: 'delete',
		path: '/api/v1/session-logs/{id}',
		operationId: 'deleteSessionLog',
		permission: ['session-logs', 'delete'],
		tag: 'session-logs',
		summary: 'Delete a session that has not been approved',
		responses: { 204: 'Deleted', 404: 'No such session, or not yours', 409: 'Already approved' }
	},
	{
		method: 'post',
		path: '/api/v1/session-logs/{id}/approve',
		operationId: 'approveSessionLog',
		result: R.SessionLogDto,
		permission: ['session-logs', 'approve'],
		tag: 'session-logs',
		summary: 'Approve a pending session (not your own); the worker is notified',
		responses: { 200: 'The session', 404: 'No such session', 409: 'Already reviewed, or your own' }
	},
	{
		method: 'post',
		path: '/api/v1/session-logs/{id}/reject',
		operationId: 'rejectSessionLog',
		result: R.SessionLogDto,
		permission: ['session-logs', 'approve'],
		tag: 'session-logs',
		summary: 'Reject a pending session with a reason; the worker is notified',
		body: rejectSchema,
		responses: { 200: 'The session', 404: 'No such session', 409: 'Already reviewed, or your own' }
	},
	{
		method: 'post',
		path: '/api/v1/session-logs/review',
		operationId: 'reviewSessionLogs',
		result: R.ReviewResult,
		permission: ['session-logs', 'approve'],
		tag: 'session-logs',
		summary: 'Approve or reject many sessions at once; one outcome per id',
		body: bulkReviewSchema,
		responses: { 200: '{data: [{id, ok, status | error}], reviewed}' }
	},
	{
		method: 'get',
		path: '/api/v1/notifications',
		operationId: 'listNotifications',
		result: R.NotificationPage,
		permission: ['notifications', 'read'],
		tag: 'notifications',
		summary: 'Your notifications, newest first, with the unread count',
		query: notificationFilters,
		responses: { 200: '{data, total, page, limit, unread}' }
	},
	{
		method: 'get',
		path: '/api/v1/notifications/{id}',
		operationId: 'getNotification',
		result: R.NotificationDto,
		permission: ['notifications', 'read'],
		tag: 'notifications',
		summary: 'One of your notifications',
		responses: { 200: 'The notification', 404: 'No such notification' }
	},
	{
		method: 'post',
		path: '/api/v1/notifications/{id}/read',
		operationId: 'markNotificationRead',
		result: R.NotificationDto,
		permission: ['notifications', 'update'],
		tag: 'notifications',
		summary: 'Mark one notification read',
		responses: { 200: 'The notification', 404: 'No such notification' }
	},
	{
		method: 'post',
		path: '/api/v1/notifications/read-all',
		operationId: 'markAllNotificationsRead',
		result: R.ReadAllResult,
		permission: ['notifications', 'update'],
		tag: 'notifications',
		summary: 'Mark all your notifications read',
		responses: { 200: '{marked, unread}' }
	}
];
