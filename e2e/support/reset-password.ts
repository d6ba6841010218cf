/**
 * Prepares the password reset journey (run with NODE_ENV=test, so config points at ndis_test): its
 * own account with a known password, no links left from earlier runs, and fresh request limits
 * for its address and the loopback address every journey comes from, so reruns are not refused.
 */
import pg from 'pg';
import { hashPassword } from '../../src/lib/server/auth/password';
import { resetLimit } from '../../src/lib/server/auth/rate-limit';
import { emailLimitKey, ipLimitKey } from '../../src/lib/server/auth/reset';
import { config } from '../../src/lib/server/config';
import { closeRedis } from '../../src/lib/server/redis';
import { NO_ACCOUNT_EMAIL, RESET_USER } from './accounts';

if (!config.isTest)
	throw new Error('reset-password only runs against the test database (NODE_ENV=test)');

const client = new pg.Client({ connectionString: config.databaseOwnerUrl });
await client.connect();
try {
	const hash = await hashPassword(RESET_USER.password);
	await client.query(
		`INSERT INTO users (email, password_hash, name, role) VALUES ($1, $2, $3, 'support_worker')
		ON CONFLICT (email) DO UPDATE SET password_hash = $2, is_active = true, locked_until = NULL`,
		[RESET_USER.email, hash, RESET_USER.name]
	);
	await client.query(
		`DELETE FROM password_reset_tokens WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
		[RESET_USER.email]
	);
	for (const key of [
		emailLimitKey(RESET_USER.email),
		emailLimitKey(NO_ACCOUNT_EMAIL),
		...['127.0.0.1', '::1', '::ffff:127.0.0.1'].map(ipLimitKey)
	]) {
		await resetLimit(key);
	}
} finally {
	await client.end();
	await closeRedis();
}
