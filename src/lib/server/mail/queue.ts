/**
 * Mail through the queue: the web process hands a message to the 'send-mail' job and returns at
 * once; a worker delivers it, retrying while the SMTP server is unavailable. Producer side only.
 */
import { mailProblems } from '../../../jobs/mail';
import { enqueueJob } from '../../../jobs/registry';
import { logger } from '../logger';
import { requestJob } from '../outbox';
import type { Mail } from './index';

/**
 * Queues one message and returns the job id. A `jobId` (no ':'; not only digits) makes the call
 * idempotent: queuing the same id again does not send twice. Throws on a malformed message.
 */
export async function enqueueMail(mail: Mail, opts: { jobId?: string } = {}): Promise<string> {
	const problems = mailProblems(mail);
	if (problems) throw new Error(`invalid mail: ${problems}`);
	return enqueueJob('send-mail', mail, opts);
}

/**
 * Sends one message through the outbox (src/lib/server/outbox.ts): written with the caller's
 * transaction and queued once it commits, exactly once, even across a Redis outage. A malformed
 * message is logged and dropped, never allowed to undo the change it tells of.
 */
export function requestMail(mail: Mail): void {
	const problems = mailProblems(mail);
	if (problems) {
		logger.error({ problems, subject: mail.subject }, 'not sending a malformed message');
		return;
	}
	requestJob('send-mail', mail);
}
