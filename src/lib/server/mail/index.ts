/**
 * Outgoing mail. With SMTP_URL set, mail goes to that server; without it (development, demo) each
 * message is kept under .data/outbox/ (an .eml file, and what it says as JSON for /admin/mail).
 * The sender is MAIL_FROM with the organisation's name (system setting) as its display name.
 * Callers that must not fail because mail did (sign-in) use sendMailInBackground.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import { config } from '../config';
import { logger } from '../logger';
import { providerSettings } from '../provider-settings';
import { OUTBOX_DIR, type KeptMail } from './outbox';

export type Mail = { to: string; subject: string; text: string };

export { OUTBOX_DIR };

type Transport = { kind: 'smtp' | 'outbox'; transporter: Transporter };
let transport: Transport | undefined;

function currentTransport(): Transport {
	transport ??= config.smtpUrl
		? { kind: 'smtp', transporter: createTransport(config.smtpUrl) }
		: {
				kind: 'outbox',
				transporter: createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
			};
	return transport;
}

/** Tests point the mailer at their own SMTP server; null goes back to the configured one. */
export function setSmtpUrlForTests(url: string | null): void {
	transport?.transporter.close();
	transport = url ? { kind: 'smtp', transporter: createTransport(url) } : undefined;
}

/** Whether mail is kept in the outbox rather than sent (no SMTP_URL): what /admin/mail shows. */
export function keepsMail(): boolean {
	return currentTransport().kind === 'outbox';
}

/** MAIL_FROM, named after the organisation (cached settings, so a change applies within 30 s). */
export async function sender(): Promise<{ name: string; address: string }> {
	const { organisationName } = await providerSettings();
	return { name: organisationName, address: config.mailFrom };
}

export async function sendMail(mail: Mail): Promise<void> {
	const { kind, transporter } = currentTransport();
	const from = await sender();
	const info = await transporter.sendMail({ ...mail, from });
	if (kind === 'outbox') {
		await mkdir(OUTBOX_DIR, { recursive: true });
		const sentAt = new Date();
		const id = String(info.messageId ?? crypto.randomUUID()).replace(/[^\w.-]/g, '');
		const base = resolve(OUTBOX_DIR, `${sentAt.toISOString().replace(/[:.]/g, '-')}-${id}`);
		await writeFile(`${base}.eml`, info.message as Buffer);
		const kept: KeptMail = {
			from: `${from.name} <${from.address}>`,
			...mail,
			sentAt: sentAt.toISOString()
		};
		await writeFile(`${base}.json`, JSON.stringify(kept));
	}
}

const pending = new Set<Promise<void>>();

/** Sends without making the caller wait or fail; a failure is logged. */
export function sendMailInBackground(mail: Mail): void {
	const sending = sendMail(mail)
		.catch((err: unknown) => logger.error({ err, subject: mail.subject }, 'sending mail failed'))
		.finally(() => pending.delete(sending));
	pending.add(sending);
}

/** Waits for mail sent in the background (tests, shutdown). */
export async function settleMail(): Promise<void> {
	while (pending.size > 0) await Promise.all(pending);
}
