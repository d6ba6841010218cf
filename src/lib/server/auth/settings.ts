/**
 * The system settings that govern sign-in, read from system_settings. Every request validates a
 * session, so values are cached for a short while; an administrator's change applies within it.
 */
import { Op } from 'sequelize';
import { SystemSetting } from '../db/models';
import { readSetting, type SettingKey } from '../settings/registry';

export type AuthSettings = {
	idleTimeoutMinutes: number;
	absoluteTimeoutHours: number;
	maxFailedLogins: number;
	lockoutMinutes: number;
};

const KEYS = [
	'session.idle_timeout_minutes',
	'session.absolute_timeout_hours',
	'security.max_failed_logins',
	'security.lockout_minutes'
] as const satisfies readonly SettingKey[];

const CACHE_MS = 30_000;
let cached: { value: AuthSettings; at: number } | undefined;

export async function authSettings(): Promise<AuthSettings> {
	if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
	const rows = await SystemSetting.findAll({ where: { settingKey: { [Op.in]: [...KEYS] } } });
	// A missing or out-of-bounds value is read as its default: it must not disable timeouts or
	// lock-out (settings/registry.ts).
	const read = (key: (typeof KEYS)[number]) =>
		readSetting(key, rows.find((r) => r.settingKey === key)?.settingValue);
	const value = {
		idleTimeoutMinutes: read('session.idle_timeout_minutes'),
		absoluteTimeoutHours: read('session.absolute_timeout_hours'),
		maxFailedLogins: read('security.max_failed_logins'),
		lockoutMinutes: read('security.lockout_minutes')
	};
	cached = { value, at: Date.now() };
	return value;
}

/** For the settings page after a change, and for tests. */
export function forgetAuthSettings(): void {
	cached = undefined;
}
