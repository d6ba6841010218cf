/**
 * Prepares the test database for the sign-in journeys (run with NODE_ENV=test, so config points
 * at ndis_test): a dedicated account to lock, so no other journey's user is ever locked, and no
 * leftover failed attempts from earlier runs, which would otherwise lock or rate-limit reruns.
 */
import pg from 'pg';
import { hashPassword } from '../../src/lib/server/auth/password';
import { config } from '../../src/lib/server/config';
import {
	E2E_EMAILS,
	LOCKED_USER,
	QUEUE_WORKER,
	ROSTER_WORKERS,
	SESSION_WORKER,
	UNLOCK_USER
} from './accounts';

if (!config.isTest)
	throw new Error('reset-auth only runs against the test database (NODE_ENV=test)');

const client = new pg.Client({ connectionString: config.databaseOwnerUrl });
await client.connect();
try {
	const hash = await hashPassword(LOCKED_USER.password);
	await client.query(
		`INSERT INTO users (email, password_hash, name, role) VALUES ($1, $2, $3, 'support_worker')
		ON CONFLICT (email) DO UPDATE SET password_hash = $2, is_active = true`,
		[LOCKED_USER.email, hash, LOCKED_USER.name]
	);
	// The approval journeys' workers start each run with no sessions and no notifications, so
	// their times never clash with an earlier run's and their unread counts start at zero.
	for (const logger of [SESSION_WORKER, QUEUE_WORKER]) {
		const worker = await client.query<{ id: string }>(
			`INSERT INTO users (email, password_hash, name, role) VALUES ($1, $2, $3, 'support_worker')
			ON CONFLICT (email) DO UPDATE SET password_hash = $2, is_active = true RETURNING id`,
			[logger.email, await hashPassword(logger.password), logger.name]
		);
		const workerId = worker.rows[0]!.id;
		await client.query(
			`UPDATE progress_notes SET session_log_id = NULL, session_log_date = NULL
			WHERE session_log_id IN (SELECT id FROM session_logs WHERE staff_id = $1)`,
			[workerId]
		);
		// Nobody keeps a notification about a session that is about to go (the demo coordinator
		// was asked to approve them).
		await client.query(
			`DELETE FROM notifications WHERE related_table = 'session_logs'
			AND related_id IN (SELECT id FROM session_logs WHERE staff_id = $1)`,
			[workerId]
		);
		await client.query(`DELETE FROM session_logs WHERE staff_id = $1`, [workerId]);
		await client.query(`DELETE FROM notifications WHERE user_id = $1`, [workerId]);
	}
	// The roster journeys' workers start each run with an empty roster and no notifications.
	for (const rostered of ROSTER_WORKERS) {
		const row = await client.query<{ id: string }>(
			`INSERT INTO users (email, password_hash, name, role) VALUES ($1, $2, $3, 'support_worker')
			ON CONFLICT (email) DO UPDATE SET password_hash = $2, is_active = true RETURNING id`,
			[rostered.email, await hashPassword(rostered.password), rostered.name]
		);
		const id = row.rows[0]!.id;
		await client.query(`DELETE FROM calendar_events WHERE staff_id = $1`, [id]);
		await client.query(`DELETE FROM notifications WHERE user_id = $1`, [id]);
		await client.query(`DELETE FROM calendar_feed_tokens WHERE user_id = $1`, [id]);
	}
	await client.query(`UPDATE users SET locked_until = NULL WHERE email = ANY($1)`, [E2E_EMAILS]);
	// Locked as repeated failed sign-ins leave an account, for the unlock journey (account.spec.ts).
	await client.query(
		`INSERT INTO users (email, password_hash, name, role, locked_until)
		VALUES ($1, $2, $3, 'support_worker', now() + interval '15 minutes')
		ON CONFLICT (email) DO UPDATE SET password_hash = $2, is_active = true,
			locked_until = now() + interval '15 minutes'`,
		[UNLOCK_USER.email, await hashPassword(UNLOCK_USER.password), UNLOCK_USER.name]
	);
	// Every journey signs in from the loopback address; its failures would add up across reruns.
	await client.query(
		`DELETE FROM login_attempts WHERE email = ANY($1) OR ip_address IN ('127.0.0.1', '::1', '::ffff:127.0.0.1')`,
		[E2E_EMAILS]
	);
} finally {
	await client.end();
}
