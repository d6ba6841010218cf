/**
 * The demo logins' notification email preferences, so the preferences page shows choices that
 * differ by role (the coordinator is emailed each submission, the allied health user no approvals).
 */
import { upsert } from '../db';
import { seedUuid } from '../ids';
import type { DemoContext, DemoStaff } from './context';

const EMAIL_PREFERENCES: Record<string, Record<string, string>> = {
	'admin@demo.test': {
		'notifications.email.security_alerts': 'true',
		'notifications.email.session_submitted': 'false',
		'display.density': 'compact'
	},
	'coordinator@demo.test': {
		'notifications.email.session_submitted': 'true',
		'notifications.email.document_expiring': 'true',
		'display.time_format': '12h'
	},
	'worker@demo.test': {
		'notifications.email.session_approved': 'true',
		'notifications.email.session_rejected': 'true'
	},
	'allied@demo.test': {
		'notifications.email.session_approved': 'false',
		'notifications.email.session_rejected': 'true'
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
