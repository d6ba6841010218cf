/**
 * Every operation of /api/v1, for the OpenAPI document. Add one when an endpoint is added: its
 * operationId, the zod schema of what it answers (`result`, from responses.ts), the permission it
 * asks for and the failures it answers; openapi.spec.ts and e2e/openapi-responses.spec.ts check them.
 */
import { z } from 'zod';
import { loginSchema } from '../auth/schemas';
import { documentFilters, documentPatchSchema, uploadFieldsSchema } from '../documents/service';
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
import * as R from './responses';

const unassignQuery = z.object({ userId: z.uuid({ error: 'must be a user id' }) });

export const OPERATIONS: Operation[] = [
	{
		method: 'post',
		path: '/api/v1/auth/login',
		operationId: 'signIn',
		result: R.SignedIn,
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
		operationId: 'signOut',
		tag: 'auth',
		summary: 'Sign out; ends the session',
		responses: { 204: 'Signed out' },
		public: true
	},
	{
		method: 'get',
		path: '/api/v1/me',
		operationId: 'getMe',
		result: R.SignedIn,
		permission: 'signed-in',
		tag: 'auth',
		summary: 'The signed-in user',
		responses: { 200: '{user}' }
	},
	{
		method: 'get',
		path: '/api/v1/users',
		operationId: 'listUsers',
		result: R.Lists.users,
		permission: ['users', 'read'],
		tag: 'users',
		summary: 'List accounts (search, role and status filters)',
		query: userFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'post',
		path: '/api/v1/users',
		operationId: 'createUser',
		result: R.NewUserDto,
		permission: ['users', 'create', 'all'],
		tag: 'users',
		summary: 'Create an account; without a password the person is invited by email',
		body: newUserSchema,
		responses: { 201: 'The account', 409: 'Email already used' }
	},
	{
		method: 'get',
		path: '/api/v1/users/{id}',
		operationId: 'getUser',
		result: R.UserDto,
		permission: ['users', 'read'],
		tag: 'users',
		summary: 'One account (frontline staff: only their own)',
		responses: { 200: 'The account', 403: 'Another person’s account', 404: 'No such account' }
	},
	{
		method: 'patch',
		path: '/api/v1/users/{id}',
		operationId: 'updateUser',
		result: R.UserDto,
		permission: ['users', 'update'],
		tag: 'users',
		summary: 'Change name, phone, role or active state',
		body: userPatchSchema,
		responses: {
			200: 'The account',
			403: 'Another person’s account, or a role or active change by frontline staff',
			404: 'No such account',
			409: 'An administrator cannot demote or deactivate themselves'
		}
	},
	{
		method: 'post',
		path: '/api/v1/users/{id}/unlock',
		operationId: 'unlockUser',
		result: R.UserDto,
		permission: ['users', 'update', 'all'],
		tag: 'users',
		summary: 'Lift a lock after failed sign-ins now (audited); the person can sign in at once',
		responses: { 200: 'The account, unlocked', 404: 'No such account', 409: 'It is not locked' }
	},
	{
		method: 'get',
		path: '/api/v1/participants',
		operationId: 'listParticipants',
		result: R.Lists.participants,
		permission: ['participants', 'read'],
		tag: 'participants',
		summary: 'List participants (search by name or NDIS number; frontline staff see their own)',
		query: participantFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'post',
		path: '/api/v1/participants',
		operationId: 'createParticipant',
		result: R.ParticipantDto,
		permission: ['participants', 'create', 'all'],
		tag: 'participants',
		summary: 'Create a participant',
		body: newParticipantSchema,
		responses: { 201: 'The participant', 409: 'NDIS number already registered' }
	},
	{
		method: 'get',
		path: '/api/v1/participants/{id}',
		operationId: 'getParticipant',
		result: R.ParticipantDto,
		permission: ['participants', 'read'],
		tag: 'participants',
		summary: 'One participant, with remaining budget and plan progress',
		responses: { 200: 'The participant', 404: 'No such participant, or not one of yours' }
	},
	{
		method: 'patch',
		path: '/api/v1/participants/{id}',
		operationId: 'updateParticipant',
		result: R.ParticipantDto,
		permission: ['participants', 'update'],
		tag: 'participants',
		summary: 'Change a participant; a status change needs statusReason',
		body: participantPatchSchema,
		responses: { 200: 'The participant', 404: 'No such participant', 409: 'NDIS number taken' }
	},
	{
		method: 'delete',
		path: '/api/v1/participants/{id}',
		operationId: 'deleteParticipant',
		permission: ['participants', 'update'],
		tag: 'participants',
		summary: 'Refused: participants are never deleted (set status to inactive instead)',
		responses: { 405: 'Never deleted' }
	},
	{
		method: 'get',
		path: '/api/v1/documents',
		operationId: 'listDocuments',
		result: R.Lists.documents,
		permission: ['documents', 'read'],
		tag: 'documents',
		summary: 'List documents (full-text search over name and tags; frontline staff see their own)',
		query: documentFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'post',
		path: '/api/v1/documents',
		operationId: 'uploadDocument',
		upload: uploadFieldsSchema,
		result: R.DocumentDto,
		permission: ['documents', 'create'],
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
		operationId: 'getDocument',
		result: R.DocumentDto,
		permission: ['documents', 'read'],
		tag: 'documents',
		summary: 'One document (metadata; the file is at /documents/{id}/download)',
		responses: { 200: 'The document', 404: 'No such document, or not one you may see' }
	},
	{
		method: 'patch',
		path: '/api/v1/documents/{id}',
		operationId: 'updateDocument',
		result: R.DocumentDto,
		permission: ['documents', 'update'],
		tag: 'documents',
		summary: 'Change name, tags or expiry date (the status follows); the type cannot change',
		body: documentPatchSchema,
		responses: { 200: 'The document', 404: 'No such document' }
	},
	{
		method: 'delete',
		path: '/api/v1/documents/{id}',
		operationId: 'deleteDocument',
		permission: ['documents', 'delete'],
		tag: 'documents',
		summary: 'Delete a document and its file',
		responses: { 204: 'Deleted', 404: 'No such document' }
	},
	{
		method: 'get',
		path: '/api/v1/participants/{id}/export',
		operationId: 'exportParticipant',
		result: { mediaType: 'application/zip' },
		permission: ['participants', 'export'],
		tag: 'participants',
		summary:
			'Everything held about a participant as a ZIP: participant.json, a JSON file per related table, documents/ and manifest.json (audited)',
		responses: { 200: 'application/zip', 404: 'No such participant' }
	},
	{
		method: 'get',
		path: '/api/v1/participants/{id}/staff',
		operationId: 'listParticipantStaff',
		result: R.AssignedStaffList,
		permission: ['assignments', 'read'],
		tag: 'participants',
		summary: 'Staff assigned to a participant',
		responses: { 200: '{data}', 404: 'No such participant, or not one of yours' }
	},
	{
		method: 'post',
		path: '/api/v1/participants/{id}/staff',
		operationId: 'assignParticipantStaff',
		result: R.AssignedStaffList,
		permission: ['assignments', 'create', 'all'],
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
		operationId: 'unassignParticipantStaff',
		query: unassignQuery,
		permission: ['assignments', 'delete', 'all'],
		tag: 'participants',
		summary: 'Unassign a staff member (?userId=)',
		responses: { 204: 'Unassigned', 404: 'Not assigned' }
	},
	{
		method: 'get',
		path: '/api/v1/participants/{id}/goals',
		operationId: 'listGoals',
		result: R.Lists.goals,
		permission: ['goals', 'read'],
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
		operationId: 'createGoal',
		result: R.GoalDto,
		permission: ['goals', 'create'],
		tag: 'goals',
		summary: 'Add a goal; progress 100 completes it unless a status is given',
		body: newGoalSchema,
		responses: { 201: 'The goal', 404: 'No such participant, or not one of yours' }
	},
	{
		method: 'get',
		path: '/api/v1/participants/{id}/goals/{goalId}',
		operationId: 'getGoal',
		result: R.GoalDto,
		permission: ['goals', 'read'],
		tag: 'goals',
		summary: 'One goal',
		responses: { 200: 'The goal', 404: 'No such goal' }
	},
	{
		method: 'patch',
		path: '/api/v1/participants/{id}/goals/{goalId}',
		operationId: 'updateGoal',
		result: R.GoalDto,
		permission: ['goals', 'update'],
		tag: 'goals',
		summary: 'Change a goal or record progress',
		body: goalPatchSchema,
		responses: { 200: 'The goal', 404: 'No such goal' }
	},
	{
		method: 'delete',
		path: '/api/v1/participants/{id}/goals/{goalId}',
		operationId: 'deleteGoal',
		permission: ['goals', 'delete', 'all'],
		tag: 'goals',
		summary: 'Delete a goal (coordinators and administrators)',
		responses: { 204: 'Deleted', 404: 'No such goal' }
	},
	{
		method: 'get',
		path: '/api/v1/progress-notes',
		operationId: 'listProgressNotes',
		result: R.Lists.notes,
		permission: ['progress-notes', 'read'],
		tag: 'progress-notes',
		summary: 'List progress notes (frontline staff see their own)',
		query: noteFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'post',
		path: '/api/v1/progress-notes',
		operationId: 'createProgressNote',
		result: R.ProgressNoteDto,
		permission: ['progress-notes', 'create'],
		tag: 'progress-notes',
		summary: 'Write a progress note for a participant you work with',
		body: newNoteSchema,
		responses: { 201: 'The note', 400: 'Participant not visible or invalid fields' }
	},
	{
		method: 'get',
		path: '/api/v1/progress-notes/{id}',
		operationId: 'getProgressNote',
		result: R.ProgressNoteDto,
		permission: ['progress-notes', 'read'],
		tag: 'progress-notes',
		summary: 'One progress note',
		responses: { 200: 'The note', 404: 'No such note, or not yours' }
	},
	{
		method: 'patch',
		path: '/api/v1/progress-notes/{id}',
		operationId: 'updateProgressNote',
		result: R.ProgressNoteDto,
		permission: ['progress-notes', 'update'],
		tag: 'progress-notes',
		summary: 'Change a progress note (frontline staff: their own)',
		body: notePatchSchema,
		responses: { 200: 'The note', 404: 'No such note, or not yours' }
	},
	{
		method: 'get',
		path: '/api/v1/audit-logs',
		operationId: 'listAuditLogs',
		result: R.Lists.audit,
		permission: ['record-history', 'read'],
		tag: 'audit',
		summary: 'The audit trail (super_admin), or one record’s history (tableName + recordId)',
		query: auditFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'get',
		path: '/api/v1/staff',
		operationId: 'listStaff',
		result: R.Lists.staff,
		permission: ['staff', 'read'],
		tag: 'staff',
		summary: 'The staff directory (search, role and status filters)',
		query: staffFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'get',
		path: '/api/v1/staff/{id}',
		operationId: 'getStaffMember',
		result: R.StaffProfileDto,
		permission: ['staff', 'read'],
		tag: 'staff',
		summary: 'A staff profile',
		responses: { 200: 'The profile', 404: 'No such staff member' }
	},
	{
		method: 'patch',
		path: '/api/v1/staff/{id}',
		operationId: 'updateStaffMember',
		result: R.StaffProfileDto,
		permission: ['staff', 'update', 'all'],
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
		operationId: 'getOpenApiDocument',
		result: R.OpenApiDocument,
		tag: 'meta',
		summary: 'This document',
		responses: { 200: 'OpenAPI 3.1' },
		public: true
	}
];
