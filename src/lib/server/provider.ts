/**
 * The provider's clock and the thresholds the jobs, dashboards and wall displays share, from
 * system_settings. "Today" is always the provider's local date (setting `timezone`, default
 * Australia/Sydney), whatever zone the server runs in. A missing or nonsensical value falls back
 * to its default rather than switching a check off.
 */
import { DEFAULT_TIME_ZONE, localDate } from './time';
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
	documentWarningDays: ['documents.expiry_warning_days', 30],
	atRiskPercent: ['budget.at_risk_threshold_percent', 80],
	burnWindowDays: ['budget.burn_window_days', 90],
	planEndingDays: ['budget.plan_ending_days', 90],
	underspendPercent: ['budget.underspend_percent', 75],
	inactiveAccountDays: ['security.inactive_account_days', 90],
	idleTimeoutMinutes: ['session.idle_timeout_minutes', 30]
} as const satisfies Record<string, readonly [string, number]>;

export const PROVIDER_DEFAULTS: ProviderSettings = {
	timeZone: DEFAULT_TIME_ZONE,
	organisationName: 'NDIS Provider Platform',
	...(Object.fromEntries(Object.entries(NUMBERS).map(([k, [, v]]) => [k, v])) as Omit<
		ProviderSettings,
		'timeZone' | 'organisationName'
	>)
};

export function validTimeZone(zone: string | null | undefined): zone is string {
	if (!zone) return false;
	try {
		new Intl.DateTimeFormat('en-AU', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** Reads the settings through any connection (a job's transaction, a seed's owner client). */
export async function readProviderSettings(sql: Sql): Promise<ProviderSettings> {
	const keys = ['timezone', 'organisation.name', ...Object.values(NUMBERS).map(([key]) => key)];
	const rows = await sql<{ setting_key: string; setting_value: string | null }>(
		`SELECT setting_key, setting_value FROM system_settings WHERE setting_key = ANY($1::text[])`,
		[keys]
	);
	const value = (key: string) => rows.find((r) => r.setting_key === key)?.setting_value ?? null;
	const settings = { ...PROVIDER_DEFAULTS };
	const zone = value('timezone')?.trim();
	if (validTimeZone(zone)) settings.timeZone = zone;
	const organisationName = value('organisation.name')?.trim();
	if (organisationName) settings.organisationName = organisationName;
	for (const [field, [key]] of Object.entries(NUMBERS)) {
		const n = Number(value(key));
		if (value(key) !== null && Number.isFinite(n) && n > 0) {
			(settings as Record<string, number | string>)[field] = n;
		}
	}
	return settings;
}

/** The provider's local date (YYYY-MM-DD) at an instant. */
export function providerToday(settings: Pick<ProviderSettings, 'timeZone'>, at = new Date()) {
	return localDate(at, settings.timeZone);
}
