import { describe, expect, it } from 'vitest';
import { fieldChanges } from './audit';

describe('fieldChanges', () => {
	it('pairs old and new values per field, leaving out the timestamp noise', () => {
		expect(
			fieldChanges({
				oldValues: { is_active: true, updated_at: 'x' },
				newValues: { is_active: false, updated_at: 'y' }
			})
		).toEqual([{ field: 'is_active', before: 'true', after: 'false' }]);
	});

	it('shows an insert as values appearing and a delete as values going', () => {
		expect(fieldChanges({ oldValues: null, newValues: { name: 'Ann', phone: null } })).toEqual([
			{ field: 'name', before: '—', after: 'Ann' },
			{ field: 'phone', before: '—', after: 'empty' }
		]);
		expect(fieldChanges({ oldValues: { name: 'Ann' }, newValues: null })).toEqual([
			{ field: 'name', before: 'Ann', after: '—' }
		]);
	});
});
