/**
 * System settings and personal preferences against the real database: each type is validated
 * before it is stored, read-only settings stay as they are, preferences accept only their own
 * values, and every change is in the audit trail under the person who made it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, unique } from '../../../../tests/fixtures';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM, type Actor } from '../db/context';
import { AuditLog, SystemSetting, UserSetting, type User } from '../db/models';
import * as settings from './settings';

let admin: User;
let worker: User;
let as: Actor;
const saved = new Map<string, string | null>();
const temporary = unique('test.flag');

async function original(key: string) {
	const row = await runAs(SYSTEM, () =>
		tx(() => SystemSetting.findOne({ where: { settingKey: key } }))
	);
	saved.set(key, row!.settingValue);
}

async function trailFor(table: string, recordId: string) {
	return runAs(SYSTEM, () =>
		tx(() =>
			AuditLog.findAll({ where: { tableName: table, recordId }, order: [['createdAt', 'DESC']] })
		)
	);
}

beforeAll(async () => {
	admin = await runAs(SYSTEM, () => tx(() => createUser('super_admin')));
	worker = await runAs(SYSTEM, () => tx(() => createUser('support_worker')));
	as = { userId: admin.id, role: 'super_admin', ip: '198.51.100.7', userAgent: 'settings-test' };
	await original('invoices.payment_terms_days');
	await original('documents.allowed_types');
	await original('organisation.name');
	await runAs(SYSTEM, () =>
		tx(() =>
			SystemSetting.create({
				settingKey: temporary,
				settingValue: 'false',
				settingType: 'boolean',
				description: 'A flag made by the settings test',
				isEditable: true
			})
		)
	);
});

afterAll(async () => {
	await runAs(SYSTEM, () =>
		tx(async () => {
			for (const [key, value] of saved) {
				await SystemSetting.update({ settingValue: value }, { where: { settingKey: key } });
			}
			await SystemSetting.destroy({ where: { settingKey: temporary } });
		})
	);
	await closeDb();
});

describe('system settings', () => {
	it('lists every setting with its type and whether it can be edited', async () => {
		const all = await runAs(as, () => settings.listSystem());
		const byKey = new Map(all.map((s) => [s.key, s]));
		expect(byKey.get('documents.expiry_warning_days')).toMatchObject({
			type: 'number',
			isEditable: true
		});
		expect(byKey.get('system.schema_version')?.isEditable).toBe(false);
	});

	it('accepts a finite number and refuses anything else', async () => {
		const key = 'invoices.payment_terms_days';
		const ok = await runAs(as, () => settings.updateSystem(key, ' 21 '));
		expect(ok).toMatchObject({ ok: true, data: { value: '21' } });
		expect(await runAs(as, () => settings.updateSystem(key, 30))).toMatchObject({ ok: true });
		for (const bad of ['abc', '', 'Infinity', '12abc', true, null]) {
			const refused = await runAs(as, () => settings.updateSystem(key, bad));
			expect(refused).toMatchObject({
				ok: false,
				status: 400,
				fields: { value: 'must be a number' }
			});
		}
	});

	it('accepts true or false for a boolean and nothing else', async () => {
		expect(await runAs(as, () => settings.updateSystem(temporary, 'true'))).toMatchObject({
			ok: true,
			data: { value: 'true' }
		});
		expect(await runAs(as, () => settings.updateSystem(temporary, false))).toMatchObject({
			ok: true,
			data: { value: 'false' }
		});
		expect(await runAs(as, () => settings.updateSystem(temporary, 'yes'))).toMatchObject({
			ok: false,
			status: 400,
			fields: { value: 'must be true or false' }
		});
	});

	it('accepts valid JSON, as text or as a value, and refuses broken JSON', async () => {
		const key = 'documents.allowed_types';
		const text = await runAs(as, () => settings.updateSystem(key, '[ "application/pdf" ]'));
		expect(text).toMatchObject({ ok: true, data: { value: '["application/pdf"]' } });
		const value = await runAs(as, () => settings.updateSystem(key, ['text/plain']));
		expect(value).toMatchObject({ ok: true, data: { value: '["text/plain"]' } });
		expect(await runAs(as, () => settings.updateSystem(key, '[oops'))).toMatchObject({
			ok: false,
			status: 400,
			fields: { value: 'must be valid JSON' }
		});
	});

	it('accepts text for a string setting and refuses other values', async () => {
		const name = unique('Harbourside');
		expect(await runAs(as, () => settings.updateSystem('organisation.name', name))).toMatchObject({
			ok: true,
			data: { value: name }
		});
		expect(await runAs(as, () => settings.updateSystem('organisation.name', 5))).toMatchObject({
			ok: false,
			status: 400,
			fields: { value: 'must be text' }
		});
	});

	it('refuses read-only and unknown settings', async () => {
		const before = (await runAs(as, () => settings.listSystem())).find(
			(s) => s.key === 'system.schema_version'
		);
		const refused = await runAs(as, () => settings.updateSystem('system.schema_version', '99'));
		expect(refused).toMatchObject({ ok: false, status: 403 });
		expect(refused.ok || refused.message).toMatch(/read-only/);
		const after = (await runAs(as, () => settings.listSystem())).find(
			(s) => s.key === 'system.schema_version'
		);
		expect(after?.value).toBe(before?.value);
		expect(await runAs(as, () => settings.updateSystem('no.such.setting', '1'))).toMatchObject({
			ok: false,
			status: 404
		});
	});

	it('records each change in the audit trail under the administrator who made it', async () => {
		const key = 'invoices.payment_terms_days';
		await runAs(as, () => settings.updateSystem(key, '17'));
		const row = await runAs(SYSTEM, () =>
			tx(() => SystemSetting.findOne({ where: { settingKey: key } }))
		);
		const [latest] = await trailFor('system_settings', row!.id);
		expect(latest).toMatchObject({ userId: admin.id, ipAddress: '198.51.100.7' });
		expect(latest!.newValues).toMatchObject({ setting_value: '17' });
	});
});

describe('personal preferences', () => {
	const me = (): Actor => ({ userId: worker.id, role: 'support_worker' });

	it('starts at the defaults and keeps what the person changes', async () => {
		const prefs = await runAs(me(), () => settings.getMine(worker.id));
		expect(prefs).toMatchObject({
			'notifications.email.session_approved': true,
			'display.density': 'comfortable'
		});
		const changed = await runAs(me(), () =>
			settings.setMine(worker.id, 'notifications.email.session_approved', false)
		);
		expect(changed).toMatchObject({
			ok: true,
			data: { 'notifications.email.session_approved': false }
		});
		await runAs(me(), () => settings.setMine(worker.id, 'display.density', 'compact'));
		await runAs(me(), () => settings.setMine(worker.id, 'display.time_format', '12h'));
		expect(await runAs(me(), () => settings.getMine(worker.id))).toMatchObject({
			'notifications.email.session_approved': false,
			'display.density': 'compact',
			'display.time_format': '12h'
		});
	});

	it('validates each preference by its own rule', async () => {
		expect(
			await runAs(me(), () => settings.setMine(worker.id, 'display.density', 'tiny'))
		).toMatchObject({
			ok: false,
			status: 400,
			fields: { value: expect.stringMatching(/compact/) }
		});
		expect(
			await runAs(me(), () =>
				settings.setMine(worker.id, 'notifications.email.security_alerts', 'maybe')
			)
		).toMatchObject({ ok: false, status: 400, fields: { value: 'must be true or false' } });
		expect(
			await runAs(me(), () => settings.setMine(worker.id, 'display.time_format', true))
		).toMatchObject({ ok: false, status: 400 });
		expect(
			await runAs(me(), () => settings.setMine(worker.id, 'role', 'super_admin'))
		).toMatchObject({ ok: false, status: 400, fields: { key: expect.any(String) } });
	});

	it('records a preference change under the person who made it', async () => {
		await runAs(me(), () => settings.setMine(worker.id, 'display.density', 'comfortable'));
		const row = await runAs(SYSTEM, () =>
			tx(() => UserSetting.findOne({ where: { userId: worker.id, settingKey: 'display.density' } }))
		);
		const [latest] = await trailFor('user_settings', row!.id);
		expect(latest).toMatchObject({ userId: worker.id });
		expect(latest!.newValues).toMatchObject({ setting_value: 'comfortable' });
	});
});
