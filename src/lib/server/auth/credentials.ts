/**
 * The only ways the app changes who may do what: roles, whether an account is active, passwords.
 * The app role has no privilege to change those columns of `users` itself, nor to read a password
 * hash; these call the SECURITY DEFINER functions of migrations/0013_credential_privileges.ts,
 * which check the acting user (a super admin for roles; the account's owner, a super admin or the
 * system for a password) and run in the caller's transaction, so the audit trigger records the
 * change as the caller's.
 */
import { QueryTypes } from 'sequelize';
import { db } from '../db';
import type { UserRole } from '../../shared/enums';
import { hashPassword, passwordDigest, type PasswordSetting } from './password';

async function scalar<T>(sql: string, bind: unknown[]): Promise<T | undefined> {
	const rows = await db().query<{ value: T }>(sql, { bind, type: QueryTypes.SELECT });
	return rows[0]?.value;
}

/** Sets a user's role; answers false when there is no such user. Only a super admin may. */
export async function setUserRole(userId: string, role: UserRole): Promise<boolean> {
	return (await scalar<boolean>(`SELECT app_set_user_role($1, $2) AS value`, [userId, role]))!;
}

/**
 * Activates or deactivates a user (activating also lifts a sign-in lock); answers false when there
 * is no such user. Only a super admin or the system may.
 */
export async function setUserActive(userId: string, active: boolean): Promise<boolean> {
	return (await scalar<boolean>(`SELECT app_set_user_active($1, $2) AS value`, [userId, active]))!;
}

/** Stores a new password (hashed here) and when it changed; false when there is no such user. */
export async function setPassword(userId: string, password: string): Promise<boolean> {
	const hash = await hashPassword(password);
	return (await scalar<boolean>(`SELECT app_set_password_hash($1, $2) AS value`, [userId, hash]))!;
}

/** The public half of an account's password hash (algorithm, cost, salt), if it has one. */
export async function passwordSetting(userId: string): Promise<PasswordSetting | undefined> {
	const rows = await db().query<PasswordSetting>(
		`SELECT setting, digest_length AS "digestLength" FROM app_password_setting($1)`,
		{ bind: [userId], type: QueryTypes.SELECT }
	);
	return rows[0];
}

/** Whether a digest made with the account's setting is its password (the database compares). */
export async function digestMatches(userId: string, digest: string | null): Promise<boolean> {
	if (digest === null) return false;
	return (
		(await scalar<boolean>(`SELECT app_password_matches($1, $2) AS value`, [userId, digest])) ===
		true
	);
}

/** Whether `password` is the account's password. */
export async function checkPassword(userId: string, password: string): Promise<boolean> {
	const setting = await passwordSetting(userId);
	if (!setting) return false;
	return digestMatches(userId, await passwordDigest(setting, password));
}
