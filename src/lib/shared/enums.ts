/** The spec's enumerations, shared by server and client (forms, filters, validation). */
export const USER_ROLES = [
	'super_admin',
	'support_worker',
	'support_coordinator',
	'allied_health'
] as const;
export const PARTICIPANT_STATUSES = ['active', 'inactive', 'pending'] as const;
export const STAFF_STATUSES = ['active', 'inactive', 'on_leave'] as const;
export const ITEM_CODE_STATUSES = ['active', 'inactive', 'deprecated'] as const;
export const PARTICIPANT_MOODS = [
	'excellent',
	'good',
	'neutral',
	'challenging',
	'difficult'
] as const;
export const SESSION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const INVOICE_STATUSES = ['draft', 'sent', 'paid', 'overdue'] as const;
export const DOCUMENT_TYPES = [
	'ndis_plan',
	'assessment',
	'report',
	'certificate',
	'photo',
	'other'
] as const;
export const DOCUMENT_STATUSES = ['current', 'expired', 'expiring_soon'] as const;
export const GOAL_STATUSES = [
	'not_started',
	'in_progress',
	'nearly_complete',
	'completed'
] as const;
export const EVENT_TYPES = ['session', 'assessment', 'meeting', 'reminder', 'other'] as const;
export const EVENT_STATUSES = ['scheduled', 'confirmed', 'completed', 'cancelled'] as const;
export const SETTING_TYPES = ['string', 'number', 'boolean', 'json'] as const;
export const NOTIFICATION_TYPES = ['info', 'warning', 'error', 'success'] as const;
export const PLAN_MANAGERS = ['Self-managed', 'Plan-managed', 'Agency-managed'] as const;

export type UserRole = (typeof USER_ROLES)[number];
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];
export type StaffStatus = (typeof STAFF_STATUSES)[number];
export type ItemCodeStatus = (typeof ITEM_CODE_STATUSES)[number];
export type ParticipantMood = (typeof PARTICIPANT_MOODS)[number];
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export type GoalStatus = (typeof GOAL_STATUSES)[number];
export type EventType = (typeof EVENT_TYPES)[number];
export type EventStatus = (typeof EVENT_STATUSES)[number];
export type SettingType = (typeof SETTING_TYPES)[number];
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
