import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, actionLabel, fieldChanges, fieldLabel, tableLabel } from './audit';

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

/** Every action name the code writes to audit_logs, found in the source as a reviewer would grep. */
function emittedActions(): Set<string> {
	const patterns = [
		/recordAuthEvent\(\s*'([^']+)'/g, // sign-in events
		/\| '(auth\.[a-z_]+)'/g, // the AuthAction union
		/\baudit\(\s*'([^']+)'/g, // services' own audit() helpers (jobs, wall links)
		/\baction: '([a-z_]+\.[a-z_]+)'/g, // AuditLog.create({ action: … })
		/INSERT INTO audit_logs \(action[^)]*\) VALUES \('([^']+)'/g // SQL (key rotation)
	];
	const found = new Set<string>();
	for (const dir of ['src', 'realtime', 'scripts']) {
		for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
			if (!/\.(ts|svelte)$/.test(file) || file.endsWith('.spec.ts')) continue;
			const text = readFileSync(join(dir, file), 'utf8');
			for (const pattern of patterns)
				for (const [, action] of text.matchAll(pattern)) found.add(action!);
		}
	}
	return found;
}

/** The tables the row trigger audits (its insert, update and delete carry the table's name). */
function auditedTables(): string[] {
	const tables = new Set<string>();
	for (const file of readdirSync('migrations')) {
		if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
		const text = readFileSync(join('migrations', file), 'utf8');
		const list = /AUDITED_TABLES = \[([^\]]*)\]/.exec(text)?.[1] ?? '';
		for (const [, table] of list.matchAll(/'([a-z_]+)'/g)) tables.add(table!);
		for (const [, table] of text.matchAll(/audit_row_change\('([a-z_]+)'\)/g)) tables.add(table!);
	}
	return [...tables];
}

describe('audit actions in words', () => {
	it('says what people did, not the recorded name', () => {
		expect(actionLabel('auth.login', 'users')).toBe('Signed in');
		expect(actionLabel('auth.login_failed', 'users')).toBe('Failed sign-in');
		expect(actionLabel('participant.export', 'participants')).toBe('Exported all records');
		expect(actionLabel('document.download', 'documents')).toBe('Downloaded a document');
		expect(actionLabel('insert', 'participants')).toBe('Created a participant');
		expect(actionLabel('update', 'session_logs')).toBe('Changed a session log');
		expect(actionLabel('delete', 'invoice_items')).toBe('Deleted an invoice line');
		expect(actionLabel('update', null)).toBe('Changed a record');
		expect(actionLabel('update', 'brand_new_table')).toBe('Changed a brand new table record');
		// A name nobody labelled yet still reads as words, and never as a label of Object's own.
		expect(actionLabel('test.old')).toBe('Test old');
		expect(actionLabel('constructor')).toBe('Constructor');
	});

	it('labels every action the code records', () => {
		const emitted = emittedActions();
		// The search itself works: these are written in three different ways.
		for (const known of ['auth.login', 'participant.export', 'job.run', 'keys.rotate']) {
			expect(emitted).toContain(known);
		}
		const unlabelled = [...emitted].filter((action) => !Object.hasOwn(ACTION_LABELS, action));
		expect(unlabelled).toEqual([]);
	});

	it('names a record of every audited table for its created, changed and deleted rows', () => {
		const tables = auditedTables();
		expect(tables).toContain('session_logs');
		expect(tables).toContain('calendar_feed_tokens');
		const unnamed = tables.filter((table) => actionLabel('insert', table).endsWith(' record'));
		expect(unnamed).toEqual([]);
	});
});
