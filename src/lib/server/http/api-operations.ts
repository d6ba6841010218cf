/** Every operation of /api/v1, for the OpenAPI document. Add a line when an endpoint is added. */
import { loginSchema } from '../auth/schemas';
import { documentFilters, documentPatchSchema } from '../documents/service';
import { auditFilters } from '../services/audit';
import {
	assignmentSchema,
	newParticipantSchema,
	participantFilters,
	participantPatchSchema
} from '../services/participant-schema';
import { goalPatchSchema, newGoalSchema } from '../services/goals';
import { newNoteSchema, noteFilters, notePatchSchema } from '../services/progress-notes';
import { staffFilters, staffPatchSchema } from '../services/staff';
import { newUserSchema, userFilters, userPatchSchema } from '../services/users';
import { CALENDAR_OPERATIONS } from './calendar-operations';
import { CATALOGUE_SETTINGS_OPERATIONS } from './catalogue-settings-operations';
import { DELIVERY_OPERATIONS } from './delivery-operations';
import { JOBS_DISPLAYS_OPERATIONS } from './jobs-displays-operations';
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
		path: '/api/v1/documents',
		tag: 'documents',
		summary: 'List documents (full-text search over name and tags; frontline staff see their own)',
		query: documentFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'post',
		path: '/api/v1/documents',
		tag: 'documents',
		summary:
			'Upload a document (multipart/form-data: file, type, name?, participantId?, tags?, expiryDate?)',
		responses: {
			201: 'The document',
			413: 'Larger than documents.max_upload_mb',
			415: 'Not multipart, or a file type (judged by content) that is not allowed'
		}
	},
	{
		method: 'get',
		path: '/api/v1/documents/{id}',
		tag: 'documents',
		summary: 'One document (metadata; the file is at /documents/{id}/download)',
		responses: { 200: 'The document', 404: 'No such document, or not one you may see' }
	},
	{
		method: 'patch',
		path: '/api/v1/documents/{id}',
		tag: 'documents',
		summary: 'Change name, tags or expiry date (the status follows); the type cannot change',
		body: documentPatchSchema,
		responses: { 200: 'The document', 404: 'No such document' }
	},
	{
		method: 'delete',
		path: '/api/v1/documents/{id}',
		tag: 'documents',
		summary: 'Delete a document and its file',
		responses: { 204: 'Deleted', 404: 'No such document' }
	},
	{
		method: 'get',
		path: '/api/v1/participants/{id}/export',
		tag: 'participants',
		summary:
			'Everything held about a participant as a ZIP: participant.json, a JSON file per related table, documents/ and manifest.json (audited)',
		responses: { 200: 'application/zip', 404: 'No such participant' }
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
		path: '/api/v1/participants/{id}/goals',
		tag: 'goals',
		summary: 'A participant’s goals (frontline staff: assigned participants only)',
		responses: {
			200: '{data, total, page, limit}',
			404: 'No such participant, or not one of yours'
		}
	},
	{
		method: 'post',
		path: '/api/v1/participants/{id}/goals',
		tag: 'goals',
		summary: 'Add a goal; progress 100 completes it unless a status is given',
		body: newGoalSchema,
		responses: { 201: 'The goal', 404: 'No such participant, or not one of yours' }
	},
	{
		method: 'get',
		path: '/api/v1/participants/{id}/goals/{goalId}',
		tag: 'goals',
		summary: 'One goal',
		responses: { 200: 'The goal', 404: 'No such goal' }
	},
	{
		method: 'patch',
		path: '/api/v1/participants/{id}/goals/{goalId}',
		tag: 'goals',
		summary: 'Change a goal or record progress',
		body: goalPatchSchema,
		responses: { 200: 'The goal', 404: 'No such goal' }
	},
	{
		method: 'delete',
		path: '/api/v1/participants/{id}/goals/{goalId}',
		tag: 'goals',
		summary: 'Delete a goal (coordinators and administrators)',
		responses: { 204: 'Deleted', 404: 'No such goal' }
	},
	{
		method: 'get',
		path: '/api/v1/progress-notes',
		tag: 'progress-notes',
		summary: 'List progress notes (frontline staff see their own)',
		query: noteFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'post',
		path: '/api/v1/progress-notes',
		tag: 'progress-notes',
		summary: 'Write a progress note for a participant you work with',
		body: newNoteSchema,
		responses: { 201: 'The note', 400: 'Participant not visible or invalid fields' }
	},
	{
		method: 'get',
		path: '/api/v1/progress-notes/{id}',
		tag: 'progress-notes',
		summary: 'One progress note',
		responses: { 200: 'The note', 404: 'No such note, or not yours' }
	},
	{
		method: 'patch',
		path: '/api/v1/progress-notes/{id}',
		tag: 'progress-notes',
		summary: 'Change a progress note (frontline staff: their own)',
		body: notePatchSchema,
		responses: { 200: 'The note', 404: 'No such note, or not yours' }
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
	...DELIVERY_OPERATIONS,
	...CALENDAR_OPERATIONS,
	...JOBS_DISPLAYS_OPERATIONS,
	{
		method: 'get',
		path: '/api/v1/openapi.json',
		tag: 'meta',
		summary: 'This document',
		responses: { 200: 'OpenAPI 3.1' },
		public: true
	}
];
