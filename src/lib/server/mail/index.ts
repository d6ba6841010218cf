/**
 * Outgoing mail. With SMTP_URL set, mail goes to that server; without it (development, demo) each
 * message is kept as an .eml file under .data/outbox/, where the outbox page can show it.
 * Callers that must not fail because mail did (sign-in) use sendMailInBackground.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import { config } from '../config';
import { logger } from '../logger';

export type Mail = { to: string; subject: string; text: string };

export const OUTBOX_DIR = resolve('.data/outbox');
const FROM = 'NDIS Provider Platform <no-reply@localhost>';

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

export async function sendMail(mail: Mail): Promise<void> {
	const { kind, transporter } = currentTransport();
	const info = await transporter.sendMail({ from: FROM, ...mail });
	if (kind === 'outbox') {
		await mkdir(OUTBOX_DIR, { recursive: true });
		const id = String(info.messageId ?? crypto.randomUUID()).replace(/[^\w.-]/g, '');
		const file = resolve(OUTBOX_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}-${id}.eml`);
		await writeFile(file, info.message as Buffer);
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
