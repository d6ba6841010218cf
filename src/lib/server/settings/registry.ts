/**
 * Every system setting in one typed registry: its stored type, default, label, what it does, and
 * the rule its value must keep, with the reason (shown beside the field on /admin/settings). The
 * seed writes the defaults from here; the settings service checks every change against it (API
 * and form alike); the readers (sign-in, jobs, dashboards, uploads) read stored values through it,
 * so a value stored before these rules existed, or written by hand, is read as the default with a
 * warning in the log, and never switches lock-out off or makes a job fail.
 */
import { z } from 'zod';
import { config } from '../config';
import { logger } from '../logger';
import type { SettingType } from '../../shared/enums';

export type SettingDefinition<T> = {
	type: SettingType;
	label: string;
	/** What the setting does. */
	description: string;
	/** The rule the value must keep, and why: shown to the administrator as the field's hint. */
	rule: string;
	default: T;
	/** Reads a form's text, an API's JSON value, or the stored text alike. */
	schema: z.ZodType<T, unknown>;
	editable?: boolean;
};

const define = <T>(definition: SettingDefinition<T>) => definition;

/** Plain decimal text (no hex, no Infinity), as a form or the stored value gives it. */
const NUMBER_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** A whole number in [min, max]; one message names the unit and the range, whatever is wrong. */
export function wholeNumber(min: number, max: number, unit: string) {
	const message = `must be a whole number from ${min} to ${max} ${unit}`;
	return z.unknown().transform((raw, ctx) => {
		const n =
			typeof raw === 'number' ? raw : typeof raw === 'string' && NUMBER_TEXT.test(raw) ? +raw : NaN;
		if (!Number.isFinite(n)) {
			ctx.addIssue({ code: 'custom', message: 'must be a number' });
			return z.NEVER;
		}
		if (!Number.isInteger(n) || n < min || n > max) {
			ctx.addIssue({ code: 'custom', message });
			return z.NEVER;
		}
		return n;
	});
}

/** A yes/no: true or false, as JSON or as the text a form or the database holds. */
export const yesNo = z
	.union([z.boolean(), z.enum(['true', 'false'])], { error: 'must be true or false' })
	.transform((v) => v === true || v === 'true');

/** Free text: trimmed, no NUL, within its length. */
export function text(min: number, max: number) {
	return z
		.string({ error: 'must be text' })
		.trim()
		.refine((v) => !v.includes('\u0000'), 'must not contain a NUL character')
		.refine((v) => v.length >= min, min > 0 ? 'is required' : 'is too short')
		.refine((v) => v.length <= max, `must be at most ${max} characters`);
}

/** True when the runtime knows this IANA time zone (not 'Mars/Olympus'). */
export function isTimeZone(zone: string): boolean {
	if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
	try {
		new Intl.DateTimeFormat('en-AU', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** An Australian Business Number: 11 digits whose weighted sum is divisible by 89. */
export function isAbn(value: string): boolean {
	const digits = value.replace(/\s+/g, '');
	if (!/^\d{11}$/.test(digits)) return false;
	const weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
	const sum = [...digits].reduce((s, d, i) => s + (Number(d) - (i === 0 ? 1 : 0)) * weights[i]!, 0);
	return sum % 89 === 0;
}

/** File types an upload may be: those the sniffer recognises and that no browser runs. */
export const UPLOAD_TYPES = [
	'application/pdf',
	'image/jpeg',
	'image/png',
	'image/gif',
	'image/webp',
	'application/msword',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'text/plain'
] as const;

const jsonValue = z.unknown().transform((raw, ctx) => {
	if (typeof raw !== 'string') return raw;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
		return z.NEVER;
	}
});

const uploadTypes = jsonValue.pipe(
	z
		.array(z.enum(UPLOAD_TYPES, { error: `each type must be one of ${UPLOAD_TYPES.join(', ')}` }), {
			error: 'must be a list of file types'
		})
		.min(1, 'must allow at least one file type')
		.transform((types) => [...new Set(types)])
);

/** Uploads come in one request body; the largest the server accepts, less room for the form. */
export const MAX_UPLOAD_MB = Math.max(
	1,
	Math.min(100, Math.floor(config.bodySizeLimitBytes / 1024 / 1024) - 1)
);

export const SETTINGS = {
	'organisation.name': define({
		type: 'string',
		label: 'Organisation name',
		description: 'Organisation name shown in the header, on invoices and in emails.',
		rule: 'Required, at most 200 characters: it is printed on invoices and is the sender of every email.',
		default: 'Harbourside Support Services',
		schema: text(1, 200)
	}),
	'organisation.abn': define({
		type: 'string',
		label: 'ABN',
		description: 'Australian Business Number printed on invoices.',
		rule: 'Empty, or a valid 11-digit ABN: the NDIA and plan managers reject invoices with a wrong one.',
		default: '',
		schema: text(0, 14).refine((v) => v === '' || isAbn(v), 'must be a valid 11-digit ABN')
	}),
	'organisation.ndis_registration_number': define({
		type: 'string',
		label: 'NDIS registration number',
		description: 'NDIS provider registration number printed on invoices and claims.',
		rule: 'Empty, or 9 to 12 digits, as the NDIS Commission issues them.',
		default: '',
		schema: text(0, 12).refine((v) => v === '' || /^\d{9,12}$/.test(v), 'must be 9 to 12 digits')
	}),
	timezone: define({
		type: 'string',
		label: 'Time zone',
		description: 'Time zone for dates of service, rosters and reports.',
		rule: 'An IANA time zone name such as Australia/Sydney or Australia/Perth: every date of service is counted in it.',
		default: 'Australia/Sydney',
		schema: text(1, 64).refine(isTimeZone, 'must be an IANA time zone, like Australia/Sydney')
	}),
	'session.idle_timeout_minutes': define({
		type: 'number',
		label: 'Idle sign-out',
		description: 'Sign a user out after this many minutes without activity.',
		rule: '5 to 480 minutes: shorter signs people out mid-task, longer leaves unattended screens open.',
		default: 30,
		schema: wholeNumber(5, 480, 'minutes')
	}),
	'session.absolute_timeout_hours': define({
		type: 'number',
		label: 'Longest session',
		description: 'Sign a user out this many hours after sign-in, active or not.',
		rule: '1 to 72 hours: at least a shift, at most three days before signing in again.',
		default: 12,
		schema: wholeNumber(1, 72, 'hours')
	}),
	'documents.expiry_warning_days': define({
		type: 'number',
		label: 'Expiry warning',
		description: "Mark a document 'expiring soon' this many days before its expiry date.",
		rule: '1 to 365 whole days: the expiry job counts in days.',
		default: 30,
		schema: wholeNumber(1, 365, 'days')
	}),
	'documents.max_upload_mb': define({
		type: 'number',
		label: 'Largest upload',
		description: 'Largest document upload accepted, in megabytes.',
		rule: `1 to ${MAX_UPLOAD_MB} MB: the server refuses any request larger than its BODY_SIZE_LIMIT.`,
		default: Math.min(20, MAX_UPLOAD_MB),
		schema: wholeNumber(1, MAX_UPLOAD_MB, 'MB')
	}),
	'documents.allowed_types': define({
		type: 'json',
		label: 'Accepted file types',
		description: 'MIME types accepted for document uploads.',
		rule: `A JSON list of one or more of ${UPLOAD_TYPES.join(', ')}: types a browser could run are never accepted.`,
		default: [
			'application/pdf',
			'image/jpeg',
			'image/png',
			'application/msword',
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'text/plain'
		],
		schema: uploadTypes
	}),
	'invoices.payment_terms_days': define({
		type: 'number',
		label: 'Payment terms',
		description: 'Days from issue to due date on new invoices.',
		rule: '0 to 180 whole days (0: due on issue).',
		default: 14,
		schema: wholeNumber(0, 180, 'days')
	}),
	'security.max_failed_logins': define({
		type: 'number',
		label: 'Sign-in attempts before lock-out',
		description: 'Failed sign-in attempts allowed before the account is locked for a while.',
		rule: '3 to 20 attempts: fewer locks people out over typos, more lets someone guess passwords.',
		default: 5,
		schema: wholeNumber(3, 20, 'attempts')
	}),
	'security.lockout_minutes': define({
		type: 'number',
		label: 'Lock-out length',
		description: 'How long an account stays locked after too many failed sign-ins.',
		rule: '1 to 1440 minutes (a day): long enough to stop guessing, short enough not to need an administrator.',
		default: 15,
		schema: wholeNumber(1, 1440, 'minutes')
	}),
	'budget.at_risk_threshold_percent': define({
		type: 'number',
		label: 'Budget at risk',
		description: "Flag a participant's plan as at risk once this share of the budget is used.",
		rule: '1 to 100 percent of the budget.',
		default: 80,
		schema: wholeNumber(1, 100, 'percent')
	}),
	'budget.burn_window_days': define({
		type: 'number',
		label: 'Burn-rate window',
		description:
			'Burn rate is the average daily spend over this many most recent days of the plan; projections use it.',
		rule: '7 to 365 whole days: a shorter window swings with one busy week.',
		default: 90,
		schema: wholeNumber(7, 365, 'days')
	}),
	'budget.plan_ending_days': define({
		type: 'number',
		label: 'Plan ending soon',
		description: 'A plan ending within this many days (or half over) is checked for underspending.',
		rule: '1 to 365 whole days.',
		default: 90,
		schema: wholeNumber(1, 365, 'days')
	}),
	'budget.underspend_percent': define({
		type: 'number',
		label: 'Underspend threshold',
		description:
			'Flag a plan ending soon whose projected spend by its end is under this share of the budget.',
		rule: '1 to 100 percent of the budget.',
		default: 75,
		schema: wholeNumber(1, 100, 'percent')
	}),
	'security.inactive_account_days': define({
		type: 'number',
		label: 'Inactive account',
		description:
			'The quarterly access review flags active accounts without a sign-in for this many days.',
		rule: '7 to 365 whole days: the review runs every quarter.',
		default: 90,
		schema: wholeNumber(7, 365, 'days')
	}),
	'system.schema_version': define({
		type: 'string',
		label: 'Settings version',
		description: 'Version of the settings defaults this install was seeded with. Read-only.',
		rule: 'Set by the install; not editable.',
		default: '1',
		schema: text(1, 20),
		editable: false
	})
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['default'];

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
	return Object.hasOwn(SETTINGS, key);
}

/** The text a value is stored as (system_settings.setting_value). */
export function storedText(key: SettingKey, value: unknown): string {
	return SETTINGS[key].type === 'json' ? JSON.stringify(value) : String(value);
}

export type Checked<K extends SettingKey> =
	{ ok: true; value: SettingValue<K>; stored: string } | { ok: false; message: string };

/** Checks a new value (a form's text or an API's JSON value) against the setting's rule. */
export function checkSetting<K extends SettingKey>(key: K, raw: unknown): Checked<K> {
	const parsed = (SETTINGS[key].schema as z.ZodType<SettingValue<K>, unknown>).safeParse(raw);
	if (!parsed.success) {
		return { ok: false, message: parsed.error.issues[0]?.message ?? 'is not valid' };
	}
	return { ok: true, value: parsed.data, stored: storedText(key, parsed.data) };
}

/**
 * A stored value as its type; missing or out of its bounds, the default (logged when the value
 * is there but wrong, so an administrator can find out why a change did not apply).
 */
export function readSetting<K extends SettingKey>(
	key: K,
	stored: string | null | undefined,
	fallback: SettingValue<K> = SETTINGS[key].default
): SettingValue<K> {
	if (stored === null || stored === undefined) return fallback;
	const checked = checkSetting(key, stored);
	if (checked.ok) return checked.value;
	logger.warn(
		{ setting: key, stored, problem: checked.message },
		'stored system setting is out of bounds; its default is used'
	);
	return fallback;
}
