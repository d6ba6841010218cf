/**
 * Passwords are hashed with argon2id (OWASP's recommended parameters).
 *
 * The app role cannot read a stored hash (migrations/0013_credential_privileges.ts): a SQL
 * injection must not be able to take every hash away to crack offline. Checking a password is
 * split in two instead. The database hands out a hash's public half, its setting (algorithm,
 * cost and salt, `$argon2id$v=19$m=…,t=…,p=…$salt`); here the candidate password is hashed with
 * that setting into a digest; the database compares it with the stored digest
 * (app_password_matches) and counts mismatches per account, so the secret half never leaves it.
 */
import { hash, hashRaw, verify, type Algorithm, type Version } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		// A malformed stored hash is a failed check, never a crash on the sign-in path.
		return false;
	}
}

/** A stored hash's public half, as app_password_setting() answers it. */
export type PasswordSetting = { setting: string; digestLength: number };

// The library's const enums, by value (they cannot be imported under verbatimModuleSyntax).
const ALGORITHMS = { argon2d: 0, argon2i: 1, argon2id: 2 } as Record<string, Algorithm>;
const VERSION_0x10 = 0 as Version;
const VERSION_0x13 = 1 as Version;
const SETTING =
	/^\$(argon2id|argon2i|argon2d)\$v=(16|19)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)$/;

/**
 * The digest `password` would have under a stored hash's setting (unpadded base64, as the PHC
 * string stores it), or null when the setting is not one this code can reproduce (a malformed
 * stored hash is a failed check, never a crash).
 */
export async function passwordDigest(
	{ setting, digestLength }: PasswordSetting,
	password: string
): Promise<string | null> {
	const parts = SETTING.exec(setting);
	if (!parts || digestLength < 4 || digestLength > 1024) return null;
	const [, algorithm, version, m, t, p, salt] = parts;
	// A stored setting is not trusted to choose any cost: these bound what one check may take.
	if (Number(m) > 262_144 || Number(t) > 16 || Number(p) > 16) return null;
	try {
		const digest = await hashRaw(password, {
			algorithm: ALGORITHMS[algorithm!],
			version: version === '19' ? VERSION_0x13 : VERSION_0x10,
			memoryCost: Number(m),
			timeCost: Number(t),
			parallelism: Number(p),
			outputLen: digestLength,
			salt: Buffer.from(salt!, 'base64')
		});
		return digest.toString('base64').replace(/=+$/, '');
	} catch {
		return null;
	}
}
