import { describe, expect, it } from 'vitest';
import { fieldChanges, fieldLabel, tableLabel } from './audit';

const STAFF = '0b6f8c52-3c1e-4a43-9d0e-2f5c1a7b9e10';
const OTHER = 'f1e2d3c4-b5a6-4789-8abc-def012345678';

describe('record history in words', () => {
	it('pairs old and new values per field, leaving out the timestamp noise', () => {
		expect(
			fieldChanges({
				oldValues: { is_active: true, updated_at: 'x' },
				newValues: { is_active: false, updated_at: 'y' }
			})
		).toEqual([{ field: 'is_active', label: 'Active', before: 'Yes', after: 'No' }]);
	});

	it('shows an insert as values appearing and a delete as values going', () => {
		expect(
			fieldChanges({ oldValues: null, newValues: { id: OTHER, name: 'Ann', phone: null } })
		).toEqual([
			{ field: 'name', label: 'Name', before: '—', after: 'Ann' },
			{ field: 'phone', label: 'Phone', before: '—', after: 'empty' }
		]);
		expect(fieldChanges({ oldValues: { name: 'Ann' }, newValues: null })).toEqual([
			{ field: 'name', label: 'Name', before: 'Ann', after: '—' }
		]);
	});

	it('labels columns as people say them', () => {
		expect(fieldLabel('plan_end_date')).toBe('Plan end date');
		expect(fieldLabel('ndis_number')).toBe('NDIS number');
		expect(fieldLabel('staff_id')).toBe('Worker');
		expect(fieldLabel('approved_by')).toBe('Approved by');
		expect(tableLabel('session_logs')).toBe('Session');
	});

	it('writes dates, times, money, codes and people in words, never an id', () => {
		const [plan, budget, staff, other, status, start, approved] = fieldChanges(
			{
				oldValues: {
					plan_end_date: '2026-06-30',
					total_budget: '12000.00',
					staff_id: STAFF,
					created_by: null,
					status: 'on_hold',
					start_time: '09:00:00',
					approved_at: null
				},
				newValues: {
					plan_end_date: '2026-12-08',
					total_budget: '12345.5',
					staff_id: OTHER,
					created_by: OTHER,
					status: 'active',
					start_time: '14:00:00',
					approved_at: '2026-12-08T03:00:00+00:00'
				}
			},
			{
				names: { [STAFF]: 'Kai White' },
				style: { timeZone: 'Australia/Sydney', timeFormat: '12h' }
			}
		);
		expect(plan).toMatchObject({
			label: 'Plan end date',
			before: '30 Jun 2026',
			after: '8 Dec 2026'
		});
		expect(budget).toMatchObject({ before: '$12,000.00', after: '$12,345.50' });
		expect(staff).toMatchObject({ label: 'Worker', before: 'Kai White', after: 'another record' });
		expect(other).toMatchObject({ label: 'Created by', before: 'empty' });
		expect(status).toMatchObject({ before: 'On hold', after: 'Active' });
		expect(start).toMatchObject({ before: '9:00 am', after: '2:00 pm' });
		expect(approved).toMatchObject({ after: '8 Dec 2026, 2:00 pm' });
	});
});
