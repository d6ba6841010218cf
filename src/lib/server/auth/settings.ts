/**
 * The system settings that govern sign-in, read from system_settings. Every request validates a
 * session, so values are cached for a short while; an administrator's change applies within it.
 */
import { Op } from 'sequelize';
import { SystemSetting } from '../db/models';

export type AuthSettings = {
	idleTimeoutMinutes: number;
	absoluteTimeoutHours: number;
	maxFailedLogins: number;
	lockoutMinutes: number;
};

const DEFAULTS: Record<string, number> = {
	'session.idle_timeout_minutes': 30,
	'session.absolute_timeout_hours': 12,
	'security.max_failed_logins': 5,
	'security.lockout_minutes': 15
};

const CACHE_MS = 30_000;
let cached: { value: AuthSettings; at: number } | undefined;

export async function authSettings(): Promise<AuthSettings> {
	if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
	const rows = await SystemSetting.findAll({
		where: { settingKey: { [Op.in]: Object.keys(DEFAULTS) } }
	});
	const read = (key: string) => {
		const value = Number(rows.find((r) => r.settingKey === key)?.settingValue);
		// A missing or nonsensical value must not disable timeouts or lockout.
		return Number.isFinite(value) && value > 0 ? value : DEFAULTS[key]!;
	};
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
