/** Every operation of /api/v1, for the OpenAPI document. Add a line when an endpoint is added. */
import { loginSchema } from '../auth/schemas';
import { auditFilters } from '../services/audit';
import {
	assignmentSchema,
	newParticipantSchema,
	participantFilters,
	participantPatchSchema
} from '../services/participant-schema';
import { staffFilters, staffPatchSchema } from '../services/staff';
import { newUserSchema, userFilters, userPatchSchema } from '../services/users';
import { CATALOGUE_SETTINGS_OPERATIONS } from './catalogue-settings-operations';
import type { Operation } from './openapi';

export const OPERATIONS: Operation[] = [
	{
		method: 'post',
		path: '/api/v1/auth/login',
		tag: 'auth',
		summary: 'Sign in; sets the session cookie',
		body: loginSchema,
		responses: {
			200: '{user}',
			401: 'Email or password is incorrect',
			429: 'Locked out or rate-limited'
		},
		public: true
	},
	{
		method: 'post',
		path: '/api/v1/auth/logout',
		tag: 'auth',
		summary: 'Sign out; ends the session',
		responses: { 204: 'Signed out' },
		public: true
	},
	{
		method: 'get',
		path: '/api/v1/me',
		tag: 'auth',
		summary: 'The signed-in user',
		responses: { 200: '{user}' }
	},
	{
		method: 'get',
		path: '/api/v1/users',
		tag: 'users',
		summary: 'List accounts (search, role and status filters)',
		query: userFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'post',
		path: '/api/v1/users',
		tag: 'users',
		summary: 'Create an account; without a password the person is invited by email',
		body: newUserSchema,
		responses: { 201: 'The account', 409: 'Email already used' }
	},
	{
		method: 'get',
		path: '/api/v1/users/{id}',
		tag: 'users',
		summary: 'One account',
		responses: { 200: 'The account', 404: 'No such account' }
	},
	{
		method: 'patch',
		path: '/api/v1/users/{id}',
		tag: 'users',
		summary: 'Change name, phone, role or active state',
		body: userPatchSchema,
		responses: {
			200: 'The account',
			404: 'No such account',
			409: 'An administrator cannot demote or deactivate themselves'
		}
	},
	{
		method: 'get',
		path: '/api/v1/participants',
		tag: 'participants',
		summary: 'List participants (search by name or NDIS number; frontline staff see their own)',
		query: participantFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'post',
		path: '/api/v1/participants',
		tag: 'participants',
		summary: 'Create a participant',
		body: newParticipantSchema,
		responses: { 201: 'The participant', 409: 'NDIS number already registered' }
	},
	{
		method: 'get',
		path: '/api/v1/participants/{id}',
		tag: 'participants',
		summary: 'One participant, with remaining budget and plan progress',
		responses: { 200: 'The participant', 404: 'No such participant, or not one of yours' }
	},
	{
		method: 'patch',
		path: '/api/v1/participants/{id}',
		tag: 'participants',
		summary: 'Change a participant; a status change needs statusReason',
		body: participantPatchSchema,
		responses: { 200: 'The participant', 404: 'No such participant', 409: 'NDIS number taken' }
	},
	{
		method: 'delete',
		path: '/api/v1/participants/{id}',
		tag: 'participants',
		summary: 'Refused: participants are never deleted (set status to inactive instead)',
		responses: { 405: 'Never deleted' }
	},
	{
		method: 'get',
		path: '/api/v1/participants/{id}/staff',
		tag: 'participants',
		summary: 'Staff assigned to a participant',
		responses: { 200: '{data}', 404: 'No such participant, or not one of yours' }
	},
	{
		method: 'post',
		path: '/api/v1/participants/{id}/staff',
		tag: 'participants',
		summary: 'Assign a support worker or allied health professional',
		body: assignmentSchema,
		responses: {
			201: '{data}: the assigned staff',
			404: 'No such participant',
			409: 'Already assigned'
		}
	},
	{
		method: 'delete',
		path: '/api/v1/participants/{id}/staff',
		tag: 'participants',
		summary: 'Unassign a staff member (?userId=)',
		responses: { 204: 'Unassigned', 404: 'Not assigned' }
	},
	{
		method: 'get',
		path: '/api/v1/audit-logs',
		tag: 'audit',
		summary: 'The audit trail (super_admin), or one record’s history (tableName + recordId)',
		query: auditFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'get',
		path: '/api/v1/staff',
		tag: 'staff',
		summary: 'The staff directory (search, role and status filters)',
		query: staffFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'get',
		path: '/api/v1/staff/{id}',
		tag: 'staff',
		summary: 'A staff profile',
		responses: { 200: 'The profile', 404: 'No such staff member' }
	},
	{
		method: 'patch',
		path: '/api/v1/staff/{id}',
		tag: 'staff',
		summary: 'Change specialisation, hourly rate, certifications or status',
		body: staffPatchSchema,
		responses: { 200: 'The profile', 404: 'No such staff member' }
	},
	...CATALOGUE_SETTINGS_OPERATIONS,
	{
		method: 'get',
		path: '/api/v1/openapi.json',
		tag: 'meta',
		summary: 'This document',
		responses: { 200: 'OpenAPI 3.1' },
		public: true
	}
];
