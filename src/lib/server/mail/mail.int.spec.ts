/**
 * Without SMTP_URL (development, demo) mail is kept in the outbox folder for the outbox page; a
 * broken mail server is logged, never thrown at the caller.
 */
import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OUTBOX_DIR, sendMail, sendMailInBackground, setSmtpUrlForTests, settleMail } from '.';

afterEach(() => setSmtpUrlForTests(null));

describe('mail', () => {
	it('keeps each message as an .eml file in the outbox when no SMTP server is configured', async () => {
		const subject = `Outbox check ${crypto.randomUUID()}`;
		await sendMail({ to: 'admin@test.example', subject, text: 'Kept for the outbox page.' });
		const files = (await readdir(OUTBOX_DIR)).filter((name) => name.endsWith('.eml'));
		const contents = await Promise.all(files.map((f) => readFile(resolve(OUTBOX_DIR, f), 'utf8')));
		const mine = contents.filter((text) => text.includes(subject));
		expect(mine).toHaveLength(1);
		expect(mine[0]).toContain('To: admin@test.example');
		expect(mine[0]).toContain('Kept for the outbox page.');
	});

	it('does not throw at the caller when the mail server is unreachable', async () => {
		// Port 9 (discard) is closed on test machines, so the connection is refused at once.
		setSmtpUrlForTests('smtp://127.0.0.1:9');
		expect(() =>
			sendMailInBackground({ to: 'admin@test.example', subject: 'Lost', text: 'Never arrives' })
		).not.toThrow();
		await expect(settleMail()).resolves.toBeUndefined();
	});
});
