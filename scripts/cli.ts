/**
 * npm run cli -- <command> [options]
 *   user:create --email E --name N --role R --password P   create a user (the first admin on a new install)
 *   keys:rotate                                            re-encrypt with ENCRYPTION_KEY (old keys in ENCRYPTION_KEYS_PREVIOUS)
 * Exit 0 on success, 1 when the command could not be done, 2 for bad usage; never a stack trace.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import { hashPassword } from '../src/lib/server/auth/password';
import { config } from '../src/lib/server/config';
import { keyring } from '../src/lib/server/crypto/keyring';
import { rotateKeys } from '../src/lib/server/crypto/rotate';
import { closeDb, tx } from '../src/lib/server/db';
import { runAs, SYSTEM } from '../src/lib/server/db/context';
import { describeDbError } from '../src/lib/server/db/errors';
import { User } from '../src/lib/server/db/models';
import { USER_ROLES } from '../src/lib/shared/enums';

class UsageError extends Error {}

const newUser = z.object({
	email: z
		.string({ error: 'is required' })
		.trim()
		.toLowerCase()
		.pipe(z.email({ error: 'is not a valid email address' })),
	name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(255),
	role: z.enum(USER_ROLES, { error: `must be one of ${USER_ROLES.join(', ')}` }),
	password: z.string({ error: 'is required' }).min(12, 'must be at least 12 characters').max(256)
});

async function userCreate(args: string[]) {
	const { values } = parseArgs({
		args,
		options: {
			email: { type: 'string' },
			name: { type: 'string' },
			role: { type: 'string' },
			password: { type: 'string' }
		},
		strict: true
	});
	const parsed = newUser.safeParse(values);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  --${i.path.join('.')} ${i.message}`);
		throw new UsageError(`cannot create the user:\n${lines.join('\n')}`);
	}
	const { email, name, role, password } = parsed.data;
	const passwordHash = await hashPassword(password);
	try {
		const user = await runAs(SYSTEM, () =>
			tx(() =>
				User.create({
					email,
					name,
					role,
					passwordHash,
					phone: null,
					avatarUrl: null,
					lastLogin: null
				})
			)
		);
		console.log(`created ${user.role} ${user.email} (${user.id})`);
	} catch (err) {
		const failure = describeDbError(err);
		if (!failure) throw err;
		const detail = failure.fields
			? Object.entries(failure.fields)
					.map(([f, m]) => `${f} ${m}`)
					.join('; ')
			: failure.message;
		console.error(`cannot create the user: ${detail}`);
		process.exitCode = 1;
	} finally {
		await closeDb();
	}
}

async function keysRotate(args: string[]) {
	parseArgs({ args, options: {}, strict: true });
	if (!config.encryptionKey) {
		console.error(
			'keys:rotate needs ENCRYPTION_KEY (the new key) and ENCRYPTION_KEYS_PREVIOUS (the old ones)'
		);
		process.exitCode = 1;
		return;
	}
	const client = new pg.Client({ connectionString: config.databaseOwnerUrl });
	await client.connect();
	try {
		const result = await rotateKeys(client, keyring());
		console.log(
			`re-encrypted with key ${result.keyId}: ${result.participants} participants, ${result.auditRows} audit rows`
		);
	} finally {
		await client.end();
	}
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
	'user:create': userCreate,
	'keys:rotate': keysRotate
};

const [command, ...rest] = process.argv.slice(2);
const run = command ? COMMANDS[command] : undefined;
if (!run) {
	console.error(`usage: npm run cli -- <${Object.keys(COMMANDS).join('|')}> [options]`);
	process.exit(2);
}
try {
	await run(rest);
} catch (err) {
	const usage =
		err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
	console.error(err instanceof Error ? err.message : String(err));
	process.exitCode = usage ? 2 : 1;
}
