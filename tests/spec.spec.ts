import { describe, expect, it } from 'vitest';
import { readSpec } from './spec';

// The schema test is only as good as this reading of the spec, so check the reading itself.
describe('readSpec', () => {
	const { tables, relationships } = readSpec();

	it('finds all 15 tables and their fields', () => {
		expect(tables.map((t) => t.name)).toHaveLength(15);
		const users = tables.find((t) => t.name === 'users');
		expect(users?.columns.map((c) => c.name)).toContain('password_hash');
		expect(tables.find((t) => t.name === 'session_logs')?.columns).toHaveLength(20);
	});

	it('reads constraints, defaults, enums and foreign keys', () => {
		const participants = tables.find((t) => t.name === 'participants')!;
		const ndis = participants.columns.find((c) => c.name === 'ndis_number')!;
		expect(ndis).toMatchObject({ type: 'VARCHAR(20)', notNull: true, unique: true });
		const status = participants.columns.find((c) => c.name === 'status')!;
		expect(status).toMatchObject({
			default: 'active',
			enumValues: ['active', 'inactive', 'pending']
		});
		const createdBy = participants.columns.find((c) => c.name === 'created_by')!;
		expect(createdBy.references).toBe('users');
	});

	it('reads indexes and the relationship tables', () => {
		const userSettings = tables.find((t) => t.name === 'user_settings')!;
		expect(userSettings.indexes).toContainEqual({
			columns: ['user_id', 'setting_key'],
			unique: true
		});
		expect(relationships).toHaveLength(15);
		expect(relationships).toContainEqual({ from: 'ndis_item_codes', to: 'invoice_items' });
	});
});
