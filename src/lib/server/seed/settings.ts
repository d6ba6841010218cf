/**
 * The system settings every install starts with, typed and described. Production installs need
 * them without any demo data (`npm run seed -- --settings`), so they live apart from the demo.
 * Inserting only what is missing means an administrator's changes are never overwritten.
 */
import type { SETTING_TYPES } from '../../shared/enums';
import type { Db } from './db';
import { upsert } from './db';
import { seedUuid } from './ids';

type SettingType = (typeof SETTING_TYPES)[number];

export interface SystemSettingDefault {
	key: string;
	value: string;
	type: SettingType;
	description: string;
	editable?: boolean;
}

export const SCHEMA_VERSION = '1';

export const SYSTEM_SETTINGS: readonly SystemSettingDefault[] = [
	{
		key: 'organisation.name',
		value: 'Harbourside Support Services',
		type: 'string',
		description: 'Organisation name shown in the header, on invoices and in emails.'
	},
	{
		key: 'organisation.abn',
		value: '',
		type: 'string',
		description: 'Australian Business Number printed on invoices (11 digits).'
	},
	{
		key: 'organisation.ndis_registration_number',
		value: '',
		type: 'string',
		description: 'NDIS provider registration number printed on invoices and claims.'
	},
	{
		key: 'timezone',
		value: 'Australia/Sydney',
		type: 'string',
		description: 'Time zone for dates of service, rosters and reports (IANA name).'
	},
	{
		key: 'session.idle_timeout_minutes',
		value: '30',
		type: 'number',
		description: 'Sign a user out after this many minutes without activity.'
	},
	{
		key: 'session.absolute_timeout_hours',
		value: '12',
		type: 'number',
		description: 'Sign a user out this many hours after sign-in, active or not.'
	},
	{
		key: 'documents.expiry_warning_days',
		value: '30',
		type: 'number',
		description: "Mark a document 'expiring soon' this many days before its expiry date."
	},
	{
		key: 'documents.max_upload_mb',
		value: '20',
		type: 'number',
		description: 'Largest document upload accepted, in megabytes.'
	},
	{
		key: 'documents.allowed_types',
		value: JSON.stringify([
			'application/pdf',
			'image/jpeg',
			'image/png',
			'application/msword',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'text/plain'
		]),
		type: 'json',
		description: 'MIME types accepted for document uploads.'
	},
	{
		key: 'invoices.payment_terms_days',
		value: '14',
		type: 'number',
		description: 'Days from issue to due date on new invoices.'
	},
	{
		key: 'security.max_failed_logins',
		value: '5',
		type: 'number',
		description: 'Failed sign-in attempts allowed before the account is locked for a while.'
	},
	{
		key: 'security.lockout_minutes',
		value: '15',
		type: 'number',
		description: 'How long an account stays locked after too many failed sign-ins.'
	},
	{
		key: 'budget.at_risk_threshold_percent',
		value: '80',
		type: 'number',
		description: "Flag a participant's plan as at risk once this share of the budget is used."
	},
	{
		key: 'budget.burn_window_days',
		value: '90',
		type: 'number',
		description:
			'Burn rate is the average daily spend over this many most recent days of the plan; projections use it.'
	},
	{
		key: 'budget.plan_ending_days',
		value: '90',
		type: 'number',
		description: 'A plan ending within this many days (or half over) is checked for underspending.'
	},
	{
		key: 'budget.underspend_percent',
		value: '75',
		type: 'number',
		description:
			'Flag a plan ending soon whose projected spend by its end is under this share of the budget.'
	},
	{
		key: 'security.inactive_account_days',
		value: '90',
		type: 'number',
		description:
			'The quarterly access review flags active accounts without a sign-in for this many days.'
	},
	{
		key: 'system.schema_version',
		value: SCHEMA_VERSION,
		type: 'string',
		description: 'Version of the settings defaults this install was seeded with. Read-only.',
		editable: false
	}
];

/** Inserts the settings that are missing; returns how many were added. */
export async function insertMissingSettings(db: Db): Promise<number> {
	const rows = SYSTEM_SETTINGS.map((s) => ({
		id: seedUuid(`system-setting:${s.key}`),
		setting_key: s.key,
		setting_value: s.value,
		setting_type: s.type,
		description: s.description,
		is_editable: s.editable ?? true
	}));
	const added = await upsert(db, 'system_settings', rows, {
		conflict: ['setting_key'],
		update: [],
		returning: ['id']
	});
	return added.length;
}
