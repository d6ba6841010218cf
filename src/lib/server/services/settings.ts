/**
 * System settings (/admin/settings, settings/system) and each person's own preferences
 * (/settings, settings/me). Values are stored as text; each system setting is checked against its
 * rule in the registry (settings/registry.ts) before it is written, and every write runs in tx()
 * so the audit trigger records who changed it.
 */
import { z } from 'zod';
import { tx } from '../db';
import { SystemSetting, UserSetting } from '../db/models';
import { forgetProviderSettings } from '../provider-settings';
import { checkSetting, isSettingKey, SETTINGS } from '../settings/registry';
import type { SettingType } from '../../shared/enums';
import {
	PREFERENCES,
	PREFERENCE_KEYS,
	type Preference,
	type PreferenceKey,
	type Preferences
} from '../../shared/preferences';

export type SystemSettingView = {
	key: string;
	value: string | null;
	type: SettingType;
	/** A name in everyday words. */
	label: string;
	description: string | null;
	/** The bounds the value must keep and why, shown beside the field. */
	rule: string | null;
	isEditable: boolean;
	updatedAt: string;
};

export type Refusal = {
	ok: false;
	status: 400 | 403 | 404;
	code: 'validation' | 'forbidden' | 'not_found';
	message: string;
	fields?: Record<string, string>;
};
export type Outcome<T> = { ok: true; data: T } | Refusal;

/** The body of a PATCH to either settings endpoint. */
export const settingPatchSchema = z.strictObject(
	{
		key: z.string({ error: 'is required' }).trim().min(1, 'is required').max(100, 'is too long'),
		value: z.unknown().refine((v) => v !== undefined, 'is required')
	},
	{ error: 'is not a field that can be changed here' }
);

/** A row the registry does not know (left by an older version) is shown, never edited. */
function toView(s: SystemSetting): SystemSettingView {
	const known = isSettingKey(s.settingKey) ? SETTINGS[s.settingKey] : null;
	return {
		key: s.settingKey,
		value: s.settingValue,
		type: known?.type ?? s.settingType,
		label: known?.label ?? s.settingKey,
		description: known?.description ?? s.description,
		rule: known?.rule ?? null,
		isEditable: s.isEditable && !!known && known.editable !== false,
		updatedAt: s.updatedAt.toISOString()
	};
}

export async function listSystem(): Promise<SystemSettingView[]> {
	const rows = await tx(() => SystemSetting.findAll({ order: [['settingKey', 'ASC']] }));
	return rows.map(toView);
}

/**
 * Changes one system setting. Forms send text and the API may send JSON values, so both '45' and
 * 45 are a number; a value outside the setting's bounds is refused with its rule's message.
 */
export async function updateSystem(key: string, raw: unknown): Promise<Outcome<SystemSettingView>> {
	const outcome = await tx(async (): Promise<Outcome<SystemSettingView>> => {
		const setting = await SystemSetting.findOne({ where: { settingKey: key } });
		if (!setting) return { ok: false, status: 404, code: 'not_found', message: 'No such setting' };
		if (!toView(setting).isEditable || !isSettingKey(key)) {
			return {
				ok: false,
				status: 403,
				code: 'forbidden',
				message: `${key} is read-only and cannot be changed`
			};
		}
		const value = checkSetting(key, raw);
		if (!value.ok) {
			return {
				ok: false,
				status: 400,
				code: 'validation',
				message: `${SETTINGS[key].label} ${value.message}`,
				fields: { value: value.message }
			};
		}
		// Saving the same value again changes nothing, so it leaves no line in the audit trail.
		if (value.stored !== setting.settingValue) await setting.update({ settingValue: value.stored });
		return { ok: true, data: toView(setting) };
	});
	// The header, mail and thresholds read the settings through a cache (provider-settings.ts):
	// once committed, this process reads them afresh, so the next page shows the new name. Other
	// processes still wait out the cache's 30 s.
	if (outcome.ok) forgetProviderSettings();
	return outcome;
}

/** Each preference's own rule: a yes/no, or one of its listed choices. */
function preferenceSchema(key: PreferenceKey): z.ZodType<boolean | string, unknown> {
	const pref: Preference = PREFERENCES[key];
	if (pref.kind === 'boolean') {
		return z
			.union([z.boolean(), z.enum(['true', 'false'])], { error: 'must be true or false' })
			.transform((v) => v === true || v === 'true');
	}
	const values = pref.options.map((o) => o.value);
	return z
		.string({ error: `must be one of ${values.join(', ')}` })
		.refine((v) => values.includes(v), {
			message: `must be one of ${values.join(', ')}`
		});
}

export function isPreferenceKey(key: string): key is PreferenceKey {
	return Object.hasOwn(PREFERENCES, key);
}

function defaults(): Preferences {
	return Object.fromEntries(PREFERENCE_KEYS.map((k) => [k, PREFERENCES[k].default])) as Preferences;
}

/** Everyone's preferences start at the defaults; only what they changed is stored. */
export async function getMine(userId: string): Promise<Preferences> {
	const rows = await tx(() => UserSetting.findAll({ where: { userId } }));
	const prefs = defaults();
	for (const row of rows) {
		if (!isPreferenceKey(row.settingKey)) continue;
		const parsed = preferenceSchema(row.settingKey).safeParse(row.settingValue);
		if (parsed.success) prefs[row.settingKey] = parsed.data;
	}
	return prefs;
}

export async function setMine(
	userId: string,
	key: string,
	raw: unknown
): Promise<Outcome<Preferences>> {
	if (!isPreferenceKey(key)) {
		return {
			ok: false,
			status: 400,
			code: 'validation',
			message: 'Some fields need attention',
			fields: { key: `must be one of ${PREFERENCE_KEYS.join(', ')}` }
		};
	}
	const parsed = preferenceSchema(key).safeParse(raw);
	if (!parsed.success) {
		const message = parsed.error.issues[0]?.message ?? 'is not valid';
		return {
			ok: false,
			status: 400,
			code: 'validation',
			message: 'Some fields need attention',
			fields: { value: message }
		};
	}
	const value = String(parsed.data);
	return tx(async () => {
		const row = await UserSetting.findOne({ where: { userId, settingKey: key } });
		if (!row) await UserSetting.create({ userId, settingKey: key, settingValue: value });
		else if (row.settingValue !== value) await row.update({ settingValue: value });
		return { ok: true, data: await getMine(userId) };
	});
}
