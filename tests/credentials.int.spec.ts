/**
 * What a SQL injection as the app role (ndis_app) can do to accounts: it reads no password hash,
 * not even its own; it cannot make anyone an administrator, activate, deactivate or re-email an
 * account, nor set a password, with plain SQL; the functions that can (migrations/0013) refuse
 * anyone but the actor they are meant for. Each statement runs as the raw app role, in a
 * transaction that is rolled back; fixtures are written by the owner and removed afterwards.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, passwordDigest } from '../src/lib/server/auth/password';
import { config } from '../src/lib/server/config';
import { CONTEXT_SQL, contextParams, type Actor } from '../src/lib/server/db/context';
import { ownerClient } from './pg';

const PASSWORD = 'correct horse battery staple';
let owner: pg.Client;
let app: pg.Client;
const ids: Record<'admin' | 'coordinator' | 'worker', string> = {
	admin: '',
	coordinator: '',
	worker: ''
};
const tag = `cred-${process.pid}-${Date.now()}`;

beforeAll(async () => {
	owner = await ownerClient();
	app = new pg.Client({ connectionString: config.databaseUrl });
	await app.connect();
	const hash = await hashPassword(PASSWORD);
	for (const role of ['admin', 'coordinator', 'worker'] as const) {
		const { rows } = await owner.query<{ id: string }>(
			`INSERT INTO users (email, password_hash, name, role) VALUES ($1, $2, $3, $4) RETURNING id`,
			[
				`${role}-${tag}@test.example`,
				hash,
				`Credential ${role}`,
				{ admin: 'super_admin', coordinator: 'support_coordinator', worker: 'support_worker' }[role]
			]
		);
		ids[role] = rows[0]!.id;
	}
});

afterAll(async () => {
	await app?.end();
	if (owner) {
		await owner.query(`SET app.bulk_load = 'on'`);
		await owner.query(`DELETE FROM users WHERE email LIKE $1`, [`%-${tag}@test.example`]);
		await owner.end();
	}
});

const admin = (): Actor => ({ userId: ids.admin, role: 'super_admin' });
const coordinator = (): Actor => ({ userId: ids.coordinator, role: 'support_coordinator' });
const worker = (): Actor => ({ userId: ids.worker, role: 'support_worker' });

/** Runs `work` as the app role inside a transaction carrying `actor`, then rolls back. */
async function as<T>(actor: Actor | null, work: () => Promise<T>): Promise<T> {
	await app.query('BEGIN');
	try {
		if (actor) await app.query(CONTEXT_SQL, contextParams(actor));
		return await work();
	} finally {
		await app.query('ROLLBACK');
	}
}

/** The database's refusal of one statement (its SQLSTATE and message), or null if it ran. */
async function refusal(sql: string, params: unknown[] = []) {
	await app.query('SAVEPOINT attempt');
	try {
		await app.query(sql, params);
		await app.query('RELEASE SAVEPOINT attempt');
		return null;
	} catch (err) {
		await app.query('ROLLBACK TO SAVEPOINT attempt');
		const { code, message } = err as { code: string; message: string };
		return { code, message };
	}
}

const roleOf = async (id: string) =>
	(await owner.query<{ role: string }>(`SELECT role FROM users WHERE id = $1`, [id])).rows[0]!.role;

const DENIED = { code: '42501' };

describe('password hashes, as the app role', () => {
	it('cannot be read by anyone: not all of them, not one, not even your own', async () => {
		for (const actor of [null, worker(), admin()]) {
			await as(actor, async () => {
				expect(await refusal(`SELECT password_hash FROM users`)).toMatchObject(DENIED);
				expect(await refusal(`SELECT * FROM users WHERE id = $1`, [ids.worker])).toMatchObject(
					DENIED
				);
				expect(
					await refusal(`SELECT password_hash FROM users WHERE id = $1`, [
						actor?.userId ?? ids.worker
					])
				).toMatchObject(DENIED);
				// Nor through RETURNING, nor by copying it into a column that can be read.
				expect(
					await refusal(`UPDATE users SET name = name WHERE id = $1 RETURNING password_hash`, [
						ids.worker
					])
				).toMatchObject(DENIED);
				expect(
					await refusal(`UPDATE users SET name = password_hash WHERE id = $1`, [ids.worker])
				).toMatchObject(DENIED);
			});
		}
	});

	it('everything else about people stays readable, which the app needs', async () => {
		await as(null, async () => {
			const { rows } = await app.query(
				`SELECT id, email, name, role, is_active, locked_until, password_changed_at FROM users WHERE id = $1`,
				[ids.worker]
			);
			expect(rows).toHaveLength(1);
		});
	});

	it('hands out only the public half; the database compares the digest and stops a guesser', async () => {
		const { rows } = await app.query<{ setting: string; digest_length: number }>(
			`SELECT setting, digest_length FROM app_password_setting($1)`,
			[ids.coordinator]
		);
		const setting = { setting: rows[0]!.setting, digestLength: rows[0]!.digest_length };
		expect(setting.setting).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+$/);
		const stored = (
			await owner.query<{ h: string }>(`SELECT password_hash AS h FROM users WHERE id = $1`, [
				ids.coordinator
			])
		).rows[0]!.h;
		const secret = stored.slice(stored.lastIndexOf('$') + 1);
		expect(setting.setting).not.toContain(secret);

		const matches = async (digest: string | null) =>
			(
				await app.query<{ ok: boolean }>(`SELECT app_password_matches($1, $2) AS ok`, [
					ids.coordinator,
					digest
				])
			).rows[0]!.ok;
		const right = await passwordDigest(setting, PASSWORD);
		expect(right).toBe(secret);
		expect(await matches(right)).toBe(true);
		expect(await matches(await passwordDigest(setting, 'wrong password'))).toBe(false);

		// 50 wrong digests in 15 minutes, and the right one is refused too: no oracle to hammer.
		await app.query(
			`SELECT app_password_matches($1, 'guess-' || g) FROM generate_series(1, 49) g`,
			[ids.coordinator]
		);
		expect(await matches(right)).toBe(false);
		expect(
			(
				await owner.query<{ n: number }>(
					`SELECT count(*)::int AS n FROM password_check_failures WHERE user_id = $1`,
					[ids.coordinator]
				)
			).rows[0]!.n
		).toBe(50);
		// The failures table is the owner's alone: a guesser cannot wipe the count.
		expect(await as(null, () => refusal(`DELETE FROM password_check_failures`))).toMatchObject(
			DENIED
		);
		await owner.query(`DELETE FROM password_check_failures WHERE user_id = $1`, [ids.coordinator]);
	});
});

describe('roles and account status, as the app role', () => {
	it('cannot be changed with UPDATE by anyone, not even a super admin', async () => {
		for (const actor of [null, worker(), admin()]) {
			await as(actor, async () => {
				for (const statement of [
					`UPDATE users SET role = 'super_admin' WHERE id = $1`,
					`UPDATE users SET is_active = true WHERE id = $1`,
					`UPDATE users SET password_hash = '$argon2id$x' WHERE id = $1`,
					`UPDATE users SET password_changed_at = now() WHERE id = $1`,
					// The email is where reset links go: changing it would take the account over.
					`UPDATE users SET email = 'attacker@evil.example' WHERE id = $1`
				]) {
					expect(await refusal(statement, [ids.worker]), statement).toMatchObject(DENIED);
				}
			});
		}
		expect(await roleOf(ids.worker)).toBe('support_worker');
	});

	it('refuses the role function to anyone but an active super admin', async () => {
		const claimedAdmin: Actor = { userId: ids.worker, role: 'super_admin' };
		for (const actor of [null, worker(), coordinator(), claimedAdmin]) {
			await as(actor, async () => {
				expect(
					await refusal(`SELECT app_set_user_role($1, 'super_admin')`, [ids.worker]),
					JSON.stringify(actor)
				).toMatchObject({ ...DENIED, message: 'only a super admin may change a role' });
				expect(await refusal(`SELECT app_set_user_active($1, false)`, [ids.admin])).toMatchObject(
					DENIED
				);
				expect(
					await refusal(`SELECT app_set_password_hash($1, '$argon2id$v=19$x')`, [ids.admin])
				).toMatchObject(DENIED);
			});
		}
		expect(await roleOf(ids.worker)).toBe('support_worker');
	});

	it('changes a role for a super admin, audited as theirs', async () => {
		await as(admin(), async () => {
			const { rows } = await app.query<{ ok: boolean }>(
				`SELECT app_set_user_role($1, 'allied_health') AS ok`,
				[ids.worker]
			);
			expect(rows[0]!.ok).toBe(true);
			const trail = await app.query<{ user_id: string; new_values: unknown }>(
				`SELECT user_id, new_values FROM audit_logs WHERE record_id = $1 AND action = 'update'`,
				[ids.worker]
			);
			expect(trail.rows).toEqual([{ user_id: ids.admin, new_values: { role: 'allied_health' } }]);
		});
		expect(await roleOf(ids.worker)).toBe('support_worker');
	});

	it('lets a person set their own password, not anyone else', async () => {
		const hash = await hashPassword('a brand new password');
		await as(worker(), async () => {
			expect(
				(await app.query(`SELECT app_set_password_hash($1, $2) AS ok`, [ids.worker, hash])).rows[0]!
					.ok
			).toBe(true);
			expect(
				await refusal(`SELECT app_set_password_hash($1, $2)`, [ids.coordinator, hash])
			).toMatchObject(DENIED);
		});
	});

	it('creates and removes accounts only for a super admin or the system', async () => {
		const insert = `INSERT INTO users (email, password_hash, name, role)
			VALUES ($1, '$argon2id$x', 'Intruder', 'super_admin')`;
		for (const actor of [null, worker(), coordinator()]) {
			await as(actor, async () => {
				expect(await refusal(insert, [`intruder-${tag}@test.example`])).toMatchObject(DENIED);
				const removed = await app.query(`DELETE FROM users WHERE id = $1`, [ids.admin]);
				expect(removed.rowCount).toBe(0);
			});
		}
		await as(admin(), async () => {
			expect(await refusal(insert, [`new-admin-${tag}@test.example`])).toBeNull();
		});
	});
});
