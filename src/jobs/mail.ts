/**
 * 'send-mail': one message to one recipient. An SMTP server that is down or says "try later"
 * only delays the mail (8 tries over about ten minutes); a payload that can never be sent fails
 * at once and stays in the failed list for an administrator to see.
 */
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { sendMail, type Mail } from '../lib/server/mail';
import type { JobDefinition } from './registry';

export const mailSchema = z.object({
	to: z.email('must be an email address').max(254),
	subject: z
		.string()
		.max(300)
		.regex(/\S/, 'must not be empty')
		.regex(/^[^\r\n]*$/, 'must be one line'),
	text: z.string().max(200_000).regex(/\S/, 'must not be empty')
}) satisfies z.ZodType<Mail>;

/** The problems with a payload, one line per field; null when it is a valid Mail. */
export function mailProblems(data: unknown): string | null {
	const parsed = mailSchema.safeParse(data);
	if (parsed.success) return null;
	return parsed.error.issues.map((i) => `${i.path.join('.') || 'mail'}: ${i.message}`).join('; ');
}

export const sendMailJob: JobDefinition<Mail, 'send-mail'> = {
	name: 'send-mail',
	queue: 'mail',
	// 5 s, 10 s, 20 s … 320 s between tries: 8 tries span about ten minutes of SMTP trouble.
	attempts: 8,
	backoff: { type: 'exponential', delay: 5_000 },
	async handler(job) {
		const parsed = mailSchema.safeParse(job.data);
		if (!parsed.success) {
			throw new UnrecoverableError(`invalid mail: ${mailProblems(job.data)}`);
		}
		await sendMail(parsed.data);
	}
};
