/**
 * System settings (/admin/settings, settings/system) and each person's own preferences
 * (/settings, settings/me). Values are stored as text; each is checked against its type before it
 * is written, and every write runs in tx() so the audit trigger records who changed it.
 */
import { z } from 'zod';
import { tx } from '../db';
import { SystemSetting, UserSetting } from '../db/models';
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
	description: string | null;
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

function toView(s: SystemSetting): SystemSettingView {
	return {
		key: s.settingKey,
		value: s.settingValue,
		type: s.settingType,
		description: s.description,
		isEditable: s.isEditable,
		updatedAt: s.updatedAt.toISOString()
	};
}

export async function listSystem(): Promise<SystemSettingView[]> {
	const rows = await tx(() => SystemSetting.findAll({ order: [['settingKey', 'ASC']] }));
	return rows.map(toView);
}

const MAX_TEXT = 10_000;

/**
 * The stored text for a value of the setting's type, or why it does not fit. Forms send text and
 * the API may send JSON values, so both '45' and 45 are a number.
 */
export function normaliseValue(
	type: SettingType,
	raw: unknown
): { ok: true; value: string } | { ok: false; message: string } {
	switch (type) {
		case 'number': {
			const text =
				typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
			const n = Number(text);
			if (text === '' || !Number.isFinite(n)) return { ok: false, message: 'must be a number' };
			return { ok: true, value: String(n) };
		}
		case 'boolean': {
			if (raw === true || raw === 'true') return { ok: true, value: 'true' };
			if (raw === false || raw === 'false') return { ok: true, value: 'false' };
			return { ok: false, message: 'must be true or false' };
		}
		case 'json': {
			if (typeof raw !== 'string') {
				const text = JSON.stringify(raw);
				return text === undefined || text.length > MAX_TEXT
					? { ok: false, message: 'must be valid JSON' }
					: { ok: true, value: text };
			}
			try {
				const text = JSON.stringify(JSON.parse(raw));
				if (text.length > MAX_TEXT) return { ok: false, message: 'is too long' };
				return { ok: true, value: text };
			} catch {
				return { ok: false, message: 'must be valid JSON' };
			}
		}
		case 'string': {
			if (typeof raw !== 'string') return { ok: false, message: 'must be text' };
			if (raw.length > MAX_TEXT) return { ok: false, message: 'is too long' };
			return { ok: true, value: raw.trim() };
		}
	}
}

export async function updateSystem(key: string, raw: unknown): Promise<Outcome<SystemSettingView>> {
	return tx(async () => {
		const setting = await SystemSetting.findOne({ where: { settingKey: key } });
		if (!setting) return { ok: false, status: 404, code: 'not_found', message: 'No such setting' };
		if (!setting.isEditable) {
			return {
				ok: false,
				status: 403,
				code: 'forbidden',
				message: `${key} is read-only and cannot be changed`
			};
		}
		const value = normaliseValue(setting.settingType, raw);
		if (!value.ok) {
			return {
				ok: false,
				status: 400,
				code: 'validation',
				message: `${key} ${value.message}`,
				fields: { value: value.message }
			};
		}
		// Saving the same value again changes nothing, so it leaves no line in the audit trail.
		if (value.value !== setting.settingValue) await setting.update({ settingValue: value.value });
		return { ok: true, data: toView(setting) };
	});
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
