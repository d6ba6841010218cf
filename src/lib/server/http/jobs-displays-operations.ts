/** The job administration and wall display endpoints, for the OpenAPI document. */
import { z } from 'zod';
import { QUEUE_NAMES } from '../../../jobs/registry';
import { RUNNABLE } from '../services/queues';
import { newDisplayTokenSchema } from '../wall/tokens';
import type { Operation } from './openapi';
import * as R from './responses';

/** Job and queue names are words, and job ids are BullMQ's (not UUIDs). */
const jobName = z.enum(RUNNABLE.map((job) => job.name) as [string, ...string[]]);
const jobParams = {
	queue: z.enum(QUEUE_NAMES),
	id: z.string().min(1).describe('The job id, as listed with the queue’s failed jobs')
};

export const JOBS_DISPLAYS_OPERATIONS: Operation[] = [
	{
		method: 'get',
		path: '/api/v1/admin/queues',
		operationId: 'listQueues',
		result: R.QueuesAnswer,
		permission: ['jobs', 'read', 'all'],
		tag: 'jobs',
		summary:
			'Each queue: waiting, active, delayed, failed and completed counts, failed jobs with their error, schedules with their next run (super_admin)',
		responses: { 200: '{data: [{name, counts, failed, schedules}], runnable}' }
	},
	{
		method: 'post',
		path: '/api/v1/admin/jobs/{name}/run',
		operationId: 'runJob',
		params: { name: jobName },
		result: R.JobQueued,
		permission: ['jobs', 'create', 'all'],
		tag: 'jobs',
		summary:
			'Queue a job now (budget-usage, staff-stats, document-expiry, invoice-overdue and the maintenance jobs); asking again while it waits answers the same id',
		responses: {
			202: '{jobId}',
			400: 'A job that cannot be run by hand (it needs a payload, as send-mail does)',
			404: 'No job of that name'
		}
	},
	{
		method: 'post',
		path: '/api/v1/admin/queues/{queue}/jobs/{id}/retry',
		operationId: 'retryJob',
		params: jobParams,
		result: R.JobQueued,
		permission: ['jobs', 'update', 'all'],
		tag: 'jobs',
		summary: 'Retry a failed job',
		responses: { 200: '{jobId}', 404: 'No such failed job' }
	},
	{
		method: 'delete',
		path: '/api/v1/admin/queues/{queue}/jobs/{id}',
		operationId: 'removeJob',
		params: jobParams,
		permission: ['jobs', 'delete', 'all'],
		tag: 'jobs',
		summary: 'Remove a failed job for good',
		responses: { 204: 'Removed', 404: 'No such failed job' }
	},
	{
		method: 'get',
		path: '/api/v1/display-tokens',
		operationId: 'listDisplayTokens',
		result: R.Lists.displayTokens,
		permission: ['display-tokens', 'read', 'all'],
		tag: 'displays',
		summary: 'Wall display tokens: name, who made it, last used, revoked (never the token)',
		responses: { 200: '{data}' }
	},
	{
		method: 'post',
		path: '/api/v1/display-tokens',
		operationId: 'createDisplayToken',
		result: R.NewDisplayToken,
		permission: ['display-tokens', 'create', 'all'],
		tag: 'displays',
		summary:
			'Make a named, read-only token for /wall/budget?token=… and /wall/roster?token=…; the token is shown only in this answer',
		body: newDisplayTokenSchema,
		responses: { 201: '{id, name, token, createdAt}' }
	},
	{
		method: 'delete',
		path: '/api/v1/display-tokens/{id}',
		operationId: 'revokeDisplayToken',
		permission: ['display-tokens', 'delete', 'all'],
		tag: 'displays',
		summary: 'Revoke a token: its pages answer 401 and its open screens are disconnected',
		responses: { 204: 'Revoked', 404: 'No such token' }
	}
];
