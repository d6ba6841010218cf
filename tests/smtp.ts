/**
 * A real SMTP server for tests, on a free local port, keeping every message it receives parsed
 * by mailparser. `start()` also points the app's mailer at it; `stop()` puts the mailer back.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { setSmtpUrlForTests } from '../src/lib/server/mail';

export type TestSmtp = {
	received: ParsedMail[];
	/** Messages whose single To address is `address`. */
	to(address: string): ParsedMail[];
	start(): Promise<void>;
	stop(): Promise<void>;
	/** Its smtp:// URL once started, for a worker in another process (SMTP_URL). */
	url(): string;
};

export function testSmtp(): TestSmtp {
	const received: ParsedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, callback) {
			simpleParser(stream).then(
				(mail) => {
					received.push(mail);
					callback();
				},
				(err: Error) => callback(err)
			);
		}
	});
	return {
		received,
		to: (address) =>
			received.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === address),
		url: () => `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
		async start() {
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			setSmtpUrlForTests(`smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`);
		},
		async stop() {
			setSmtpUrlForTests(null);
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
