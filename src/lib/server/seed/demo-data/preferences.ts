/**
 * The demo logins' notification email preferences, so the preferences page shows choices that
 * differ by role (the admin wants security alerts, the allied health user a weekly digest).
 */
import { upsert } from '../db';
import { seedUuid } from '../ids';
import type { DemoContext, DemoStaff } from './context';

const EMAIL_PREFERENCES: Record<string, Record<string, string>> = {
	'admin@demo.test': {
		'notifications.email.security_alerts': 'true',
		'notifications.email.invoices': 'true',
		'notifications.email.digest': 'daily'
	},
	'coordinator@demo.test': {
		'notifications.email.session_approvals': 'true',
		'notifications.email.document_expiry': 'true',
		'notifications.email.digest': 'daily'
	},
	'worker@demo.test': {
		'notifications.email.session_approvals': 'true',
		'notifications.email.roster_changes': 'true',
		'notifications.email.digest': 'off'
	},
	'allied@demo.test': {
		'notifications.email.session_approvals': 'false',
		'notifications.email.roster_changes': 'true',
		'notifications.email.digest': 'weekly'
	}
};

export async function seedPreferences(ctx: DemoContext, staff: DemoStaff[]) {
	const rows = staff.flatMap((s) =>
		Object.entries(EMAIL_PREFERENCES[s.email] ?? {}).map(([key, value]) => ({
			id: seedUuid(`user-setting:${s.email}:${key}`),
			user_id: s.userId,
			setting_key: key,
			setting_value: value
		}))
	);
	await upsert(ctx.db, 'user_settings', rows, { conflict: ['user_id', 'setting_key'] });
	return rows.length;
}
