/**
 * The provider's clock and the thresholds the jobs, dashboards and wall displays share, from
 * system_settings. "Today" is always the provider's local date (setting `timezone`, default
 * Australia/Sydney), whatever zone the server runs in. A missing or out-of-bounds value falls back
 * to its default rather than switching a check off.
 */
import { DEFAULT_TIME_ZONE, localDate } from './time';
import { isTimeZone, readSetting, SETTINGS, type SettingKey } from './settings/registry';
import type { Sql } from './sql';

export type ProviderSettings = {
	timeZone: string;
	/** Shown in the header and used as the mail sender's name (setting `organisation.name`). */
	organisationName: string;
	documentWarningDays: number;
	atRiskPercent: number;
	burnWindowDays: number;
	planEndingDays: number;
	underspendPercent: number;
	inactiveAccountDays: number;
	idleTimeoutMinutes: number;
};

const NUMBERS = {
	documentWarningDays: 'documents.expiry_warning_days',
	atRiskPercent: 'budget.at_risk_threshold_percent',
	burnWindowDays: 'budget.burn_window_days',
	planEndingDays: 'budget.plan_ending_days',
	underspendPercent: 'budget.underspend_percent',
	inactiveAccountDays: 'security.inactive_account_days',
	idleTimeoutMinutes: 'session.idle_timeout_minutes'
} as const satisfies Record<string, SettingKey>;
type NumberField = keyof typeof NUMBERS;

export const PROVIDER_DEFAULTS: ProviderSettings = {
	timeZone: DEFAULT_TIME_ZONE,
	organisationName: 'NDIS Provider Platform',
	...(Object.fromEntries(
		Object.entries(NUMBERS).map(([field, key]) => [field, SETTINGS[key].default])
	) as Pick<ProviderSettings, NumberField>)
};

export function validTimeZone(zone: string | null | undefined): zone is string {
	return !!zone && isTimeZone(zone);
}

/** Reads the settings through any connection (a job's transaction, a seed's owner client). */
export async function readProviderSettings(sql: Sql): Promise<ProviderSettings> {
	const keys = ['timezone', 'organisation.name', ...Object.values(NUMBERS)];
	const rows = await sql<{ setting_key: string; setting_value: string | null }>(
		`SELECT setting_key, setting_value FROM system_settings WHERE setting_key = ANY($1::text[])`,
		[keys]
	);
	const value = (key: string) => rows.find((r) => r.setting_key === key)?.setting_value;
	// Each value within its bounds (settings/registry.ts), or the default: never a check switched
	// off, never a job failing on a fraction of a day.
	const settings = { ...PROVIDER_DEFAULTS };
	settings.timeZone = readSetting('timezone', value('timezone'), PROVIDER_DEFAULTS.timeZone);
	settings.organisationName = readSetting(
		'organisation.name',
		value('organisation.name'),
		PROVIDER_DEFAULTS.organisationName
	);
	for (const [field, key] of Object.entries(NUMBERS) as [NumberField, SettingKey][]) {
		settings[field] = readSetting(key, value(key), PROVIDER_DEFAULTS[field]) as number;
	}
	return settings;
}

/** The provider's local date (YYYY-MM-DD) at an instant. */
export function providerToday(settings: Pick<ProviderSettings, 'timeZone'>, at = new Date()) {
	return localDate(at, settings.timeZone);
}
