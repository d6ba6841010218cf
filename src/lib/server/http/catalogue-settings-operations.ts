/** The item-codes and settings endpoints, for the OpenAPI document (spread into OPERATIONS). */
import { itemCodeFilters } from '../services/item-codes';
import { settingPatchSchema } from '../services/settings';
import type { Operation } from './openapi';
import * as R from './responses';

export const CATALOGUE_SETTINGS_OPERATIONS: Operation[] = [
	{
		method: 'get',
		path: '/api/v1/item-codes',
		operationId: 'listItemCodes',
		result: R.Lists.itemCodes,
		permission: ['item-codes', 'read'],
		tag: 'item-codes',
		summary: 'The NDIS price list (search code/description; category, status, unit filters)',
		query: itemCodeFilters,
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'get',
		path: '/api/v1/item-codes/{id}',
		operationId: 'getItemCode',
		result: R.ItemCodeWithPrices,
		permission: ['item-codes', 'read'],
		tag: 'item-codes',
		summary: 'One support item with its price history (prices, newest first)',
		responses: { 200: 'The item and its prices', 404: 'No such item code' }
	},
	{
		method: 'get',
		path: '/api/v1/settings/system',
		operationId: 'listSystemSettings',
		result: R.Lists.settings,
		permission: ['settings-system', 'read'],
		tag: 'settings',
		summary: 'System settings with their types (super_admin, support_coordinator)',
		responses: { 200: '{data, total, page, limit}' }
	},
	{
		method: 'patch',
		path: '/api/v1/settings/system',
		operationId: 'updateSystemSetting',
		result: R.SystemSettingDto,
		permission: ['settings-system', 'update', 'all'],
		tag: 'settings',
		summary: 'Change one system setting, validated by its type (super_admin)',
		body: settingPatchSchema,
		responses: {
			200: 'The setting',
			400: 'The value does not fit the setting type',
			403: 'Read-only setting',
			404: 'No such setting'
		}
	},
	{
		method: 'get',
		path: '/api/v1/settings/me',
		operationId: 'getMySettings',
		result: R.PreferencesDto,
		permission: ['settings-me', 'read', 'own'],
		tag: 'settings',
		summary: 'The signed-in user’s preferences, defaults filled in',
		responses: { 200: '{key: value}' }
	},
	{
		method: 'patch',
		path: '/api/v1/settings/me',
		operationId: 'updateMySetting',
		result: R.PreferencesDto,
		permission: ['settings-me', 'update', 'own'],
		tag: 'settings',
		summary: 'Change one of the signed-in user’s preferences',
		body: settingPatchSchema,
		responses: { 200: 'All preferences', 400: 'Unknown preference or invalid value' }
	}
];
