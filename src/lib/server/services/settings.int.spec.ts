/**
 * System settings and personal preferences against the real database: each setting's bounds are
 * checked before it is stored (both sides of every bound), a value stored out of bounds is read as
 * the default, read-only settings stay as they are, preferences accept only their own values, and
 * every change is in the audit trail under the person who made it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, unique } from '../../../../tests/fixtures';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM, type Actor } from '../db/context';
import { AuditLog, SystemSetting, UserSetting, type User } from '../db/models';
import { authSettings, forgetAuthSettings } from '../auth/settings';
import { documentSettings } from '../documents/service';
import { readProviderSettings } from '../provider';
import { MAX_UPLOAD_MB, SETTING_KEYS, SETTINGS } from '../settings/registry';
import { txSql } from '../sql';
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
	for (const key of SETTING_KEYS) await original(key);
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

	it('leaves a setting the registry does not know (an older version left it) read-only', async () => {
		const refused = await runAs(as, () => settings.updateSystem(temporary, 'true'));
		expect(refused).toMatchObject({ ok: false, status: 403 });
		const shown = (await runAs(as, () => settings.listSystem())).find((s) => s.key === temporary);
		expect(shown).toMatchObject({ isEditable: false, value: 'false' });
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

/** Each setting's values on both sides of its bounds: API values and form text alike. */
const BOUNDS: Record<string, { ok: unknown[]; refused: [unknown, RegExp][] }> = {
	'security.max_failed_logins': {
		ok: [3, '20', 5],
		refused: [
			[2, /from 3 to 20 attempts/],
			[21, /from 3 to 20 attempts/],
			[1e308, /from 3 to 20 attempts/],
			['1e308', /from 3 to 20 attempts/],
			[-1, /from 3 to 20/],
			[4.5, /whole number/]
		]
	},
	'security.lockout_minutes': {
		ok: [1, 1440, '15'],
		refused: [
			[0, /from 1 to 1440 minutes/],
			[1441, /from 1 to 1440 minutes/],
			[0.5, /whole number/]
		]
	},
	'session.idle_timeout_minutes': {
		ok: [5, 480, 30],
		refused: [
			[4, /from 5 to 480 minutes/],
			[481, /from 5 to 480 minutes/],
			[-1, /from 5 to 480/]
		]
	},
	'session.absolute_timeout_hours': {
		ok: [1, 72, '12'],
		refused: [
			[0.0001, /from 1 to 72 hours/],
			['0.0001', /from 1 to 72 hours/],
			[0, /from 1 to 72 hours/],
			[73, /from 1 to 72 hours/]
		]
	},
	'documents.expiry_warning_days': {
		ok: [1, 365, '30'],
		refused: [
			[1.5, /whole number from 1 to 365 days/],
			['1.5', /whole number from 1 to 365 days/],
			[0, /from 1 to 365 days/],
			[366, /from 1 to 365 days/],
			[-1, /from 1 to 365 days/]
		]
	},
	'documents.max_upload_mb': {
		ok: [1, MAX_UPLOAD_MB, 20],
		refused: [
			[-1, new RegExp(`from 1 to ${MAX_UPLOAD_MB} MB`)],
			[0, /from 1 to/],
			[MAX_UPLOAD_MB + 1, /from 1 to/],
			[1e308, /from 1 to/]
		]
	},
	'invoices.payment_terms_days': {
		ok: [0, 180, '14'],
		refused: [
			[-1, /from 0 to 180 days/],
			[181, /from 0 to 180 days/]
		]
	},
	'budget.at_risk_threshold_percent': {
		ok: [1, 100, 80],
		refused: [
			[0, /from 1 to 100 percent/],
			[101, /from 1 to 100 percent/]
		]
	},
	'budget.underspend_percent': {
		ok: [1, 100, 75],
		refused: [
			[0, /from 1 to 100 percent/],
			[100.5, /from 1 to 100 percent/]
		]
	},
	'budget.burn_window_days': {
		ok: [7, 365, 90],
		refused: [
			[6, /from 7 to 365 days/],
			[366, /from 7 to 365 days/]
		]
	},
	'budget.plan_ending_days': {
		ok: [1, 365, 90],
		refused: [
			[0, /from 1 to 365 days/],
			[366, /from 1 to 365 days/]
		]
	},
	'security.inactive_account_days': {
		ok: [7, 365, 90],
		refused: [
			[6, /from 7 to 365 days/],
			[366, /from 7 to 365 days/]
		]
	},
	timezone: {
		ok: ['Australia/Perth', 'UTC', 'Australia/Sydney'],
		refused: [
			['Mars/Olympus', /IANA time zone/],
			['', /is required/],
			['Australia/Sydney\u0000', /NUL/],
			[10, /must be text/]
		]
	},
	'organisation.name': {
		ok: ['A', 'x'.repeat(200), 'Harbourside Support Services'],
		refused: [
			['', /is required/],
			['   ', /is required/],
			['x'.repeat(201), /at most 200 characters/]
		]
	},
	'organisation.abn': {
		ok: ['', '51 824 753 556', '51824753556'],
		refused: [
			['12345678901', /valid 11-digit ABN/],
			['ABN', /valid 11-digit ABN/]
		]
	},
	'organisation.ndis_registration_number': {
		ok: ['', '4050012345'],
		refused: [
			['12', /9 to 12 digits/],
			['40500-12345', /9 to 12 digits/]
		]
	},
	'documents.allowed_types': {
		ok: [['application/pdf'], '["image/png","text/plain"]'],
		refused: [
			[[], /at least one/],
			[['text/html'], /each type must be one of/],
			[['image/svg+xml'], /each type must be one of/],
			['[oops', /valid JSON/],
			[{ pdf: true }, /list of file types/]
		]
	}
};

describe('system settings have bounds', () => {
	it('every editable setting has bounds here and a rule shown to the administrator', async () => {
		const editable = SETTING_KEYS.filter((k) => !('editable' in SETTINGS[k]));
		expect(Object.keys(BOUNDS).sort()).toEqual([...editable].sort());
		const listed = await runAs(as, () => settings.listSystem());
		for (const key of editable) {
			expect(listed.find((s) => s.key === key)?.rule?.length, key).toBeGreaterThan(15);
		}
	});

	for (const [key, { ok, refused }] of Object.entries(BOUNDS)) {
		it(`${key}: accepts values within its bounds and refuses the rest with its rule`, async () => {
			for (const value of ok) {
				const saved = await runAs(as, () => settings.updateSystem(key, value));
				expect(saved, `${key} = ${JSON.stringify(value)}`).toMatchObject({ ok: true });
			}
			const before = (await runAs(as, () => settings.listSystem())).find((s) => s.key === key);
			for (const [value, message] of refused) {
				const answer = await runAs(as, () => settings.updateSystem(key, value));
				expect(answer, `${key} = ${JSON.stringify(value)}`).toMatchObject({
					ok: false,
					status: 400,
					code: 'validation',
					fields: { value: expect.stringMatching(message) }
				});
			}
			const after = (await runAs(as, () => settings.listSystem())).find((s) => s.key === key);
			expect(after?.value).toBe(before?.value);
		});
	}

	it('reads a value stored out of bounds (before these rules, or by hand) as its default', async () => {
		const store = (key: string, value: string) =>
			runAs(SYSTEM, () =>
				tx(() => SystemSetting.update({ settingValue: value }, { where: { settingKey: key } }))
			);
		await store('security.max_failed_logins', '1e308');
		await store('session.absolute_timeout_hours', '0.0001');
		await store('session.idle_timeout_minutes', '-1');
		await store('security.lockout_minutes', 'soon');
		await store('documents.expiry_warning_days', '1.5');
		await store('documents.max_upload_mb', '-1');
		await store('documents.allowed_types', '["text/html"]');
		await store('timezone', 'Mars/Olympus');
		await store('budget.at_risk_threshold_percent', '0');
		forgetAuthSettings();
		expect(await runAs(SYSTEM, () => authSettings())).toEqual({
			maxFailedLogins: 5,
			absoluteTimeoutHours: 12,
			idleTimeoutMinutes: 30,
			lockoutMinutes: 15
		});
		const provider = await runAs(SYSTEM, () => tx((t) => readProviderSettings(txSql(t))));
		expect(provider).toMatchObject({
			timeZone: 'Australia/Sydney',
			documentWarningDays: 30,
			atRiskPercent: 80,
			idleTimeoutMinutes: 30
		});
		const documents = await runAs(SYSTEM, () => tx(() => documentSettings()));
		expect(documents).toMatchObject({ maxBytes: 20 * 1024 * 1024, warningDays: 30 });
		expect(documents.allowedTypes).toContain('application/pdf');
		expect(documents.allowedTypes).not.toContain('text/html');
		forgetAuthSettings();
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
