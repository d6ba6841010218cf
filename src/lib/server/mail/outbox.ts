/**
 * The outbox: where mail is kept when no SMTP server is configured (development, the demo), so
 * invitations and password-reset links can be followed without one. /admin/mail lists it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';

export const OUTBOX_DIR = resolve('.data/outbox');

const keptMailSchema = z.object({
	from: z.string(),
	to: z.string(),
	subject: z.string(),
	text: z.string(),
	sentAt: z.iso.datetime()
});
export type KeptMail = z.infer<typeof keptMailSchema>;

/** The newest kept messages first (file names start with the time they were sent). */
export async function keptMail(limit = 100): Promise<KeptMail[]> {
	const names = await readdir(OUTBOX_DIR).catch((err: NodeJS.ErrnoException) => {
		if (err.code === 'ENOENT') return [];
		throw err;
	});
	const newest = names
		.filter((name) => name.endsWith('.json'))
		.sort()
		.reverse()
		.slice(0, limit);
	const messages = await Promise.all(
		newest.map(async (name) => {
			const parsed = keptMailSchema.safeParse(
				JSON.parse(await readFile(resolve(OUTBOX_DIR, name), 'utf8').catch(() => 'null'))
			);
			return parsed.success ? parsed.data : null;
		})
	);
	return messages.filter((m): m is KeptMail => m !== null);
}
