/**
 * The system settings every install starts with, typed and described. Production installs need
 * them without any demo data (`npm run seed -- --settings`), so they live apart from the demo.
 * Inserting only what is missing means an administrator's changes are never overwritten.
 */
import type { SETTING_TYPES } from '../../shared/enums';
import { SETTINGS, SETTING_KEYS, storedText } from '../settings/registry';
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

export const SCHEMA_VERSION = SETTINGS['system.schema_version'].default;

/** The defaults, types and descriptions come from the one registry the app checks values with. */
export const SYSTEM_SETTINGS: readonly SystemSettingDefault[] = SETTING_KEYS.map((key) => {
	const s = SETTINGS[key];
	return {
		key,
		value: storedText(key, s.default),
		type: s.type,
		description: s.description,
		editable: 'editable' in s ? s.editable : true
	};
});

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
