/**
 * Who mail comes from, and where it goes without a mail server. The sender is MAIL_FROM named after
 * the organisation (system setting `organisation.name`), checked on a message the real test SMTP
 * server received. Without SMTP_URL (development, demo) mail is kept in the outbox, for
 * /admin/mail; a broken mail server is logged, never thrown at the caller.
 */
import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { testSmtp } from '../../../../tests/smtp';
import { config } from '../config';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM } from '../db/context';
import { SystemSetting } from '../db/models';
import { forgetProviderSettings } from '../provider-settings';
import {
	keepsMail,
	OUTBOX_DIR,
	sendMail,
	sendMailInBackground,
	setSmtpUrlForTests,
	settleMail
} from '.';
import { keptMail } from './outbox';

// Read by config.ts on import, so set before the imports above run.
vi.hoisted(() => {
	process.env.MAIL_FROM = 'care-team@provider.example';
});

const ORGANISATION = `Sunrise Supports ${Date.now().toString(36)}`;
let savedName: string | null = null;

async function setOrganisationName(value: string | null) {
	await runAs(SYSTEM, () =>
		tx(() =>
			SystemSetting.update({ settingValue: value }, { where: { settingKey: 'organisation.name' } })
		)
	);
	forgetProviderSettings();
}

beforeAll(async () => {
	const row = await runAs(SYSTEM, () =>
		tx(() => SystemSetting.findOne({ where: { settingKey: 'organisation.name' } }))
	);
	savedName = row?.settingValue ?? null;
	await setOrganisationName(ORGANISATION);
});

afterEach(() => setSmtpUrlForTests(null));

afterAll(async () => {
	await setOrganisationName(savedName);
	delete process.env.MAIL_FROM;
	await closeDb();
});

describe('mail', () => {
	it('comes from MAIL_FROM, named after the organisation', async () => {
		expect(config.mailFrom).toBe('care-team@provider.example');
		const smtp = testSmtp();
		await smtp.start();
		try {
			await sendMail({ to: 'from-check@test.example', subject: 'Who sent this', text: 'Hello' });
		} finally {
			await smtp.stop();
		}
		const [mail] = smtp.to('from-check@test.example');
		expect(mail?.from?.value).toEqual([
			{ address: 'care-team@provider.example', name: ORGANISATION }
		]);
		expect(mail?.from?.text).not.toContain('localhost');
	});

	it('keeps each message in the outbox when no SMTP server is configured, for /admin/mail', async () => {
		expect(keepsMail()).toBe(true);
		const subject = `Outbox check ${crypto.randomUUID()}`;
		await sendMail({ to: 'admin@test.example', subject, text: 'Kept for the outbox page.' });
		const files = (await readdir(OUTBOX_DIR)).filter((name) => name.endsWith('.eml'));
		const contents = await Promise.all(files.map((f) => readFile(resolve(OUTBOX_DIR, f), 'utf8')));
		const mine = contents.filter((text) => text.includes(subject));
		expect(mine).toHaveLength(1);
		expect(mine[0]).toContain('To: admin@test.example');
		expect(mine[0]).toContain(`From: ${ORGANISATION} <care-team@provider.example>`);
		expect(mine[0]).toContain('Kept for the outbox page.');

		const listed = (await keptMail()).find((m) => m.subject === subject);
		expect(listed).toMatchObject({
			to: 'admin@test.example',
			from: `${ORGANISATION} <care-team@provider.example>`,
			text: 'Kept for the outbox page.'
		});
		expect(Date.now() - Date.parse(listed!.sentAt)).toBeLessThan(60_000);
	});

	it('does not throw at the caller when the mail server is unreachable', async () => {
		// Port 9 (discard) is closed on test machines, so the connection is refused at once.
		setSmtpUrlForTests('smtp://127.0.0.1:9');
		expect(keepsMail()).toBe(false);
		expect(() =>
			sendMailInBackground({ to: 'admin@test.example', subject: 'Lost', text: 'Never arrives' })
		).not.toThrow();
		await expect(settleMail()).resolves.toBeUndefined();
	});
});
