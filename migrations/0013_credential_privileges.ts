/**
 * A SQL injection through the app role must not become an administrator, nor take the password
 * hashes away to crack offline. So the app role (DATABASE_URL's user):
 *
 * - reads every column of `users` but password_hash. Signing in asks app_password_setting() for
 *   a hash's public half (algorithm, cost and salt), hashes the candidate password with it in
 *   Node (argon2 runs there), and asks app_password_matches() whether the digest is the stored
 *   one: the secret half never leaves the database. Mismatches are counted per account in a
 *   table only the owner can touch (password_check_failures), and after 50 in 15 minutes the
 *   function answers no without comparing, so the function is no faster an oracle than the
 *   sign-in form, whose own lock-out (3–20 failures) comes long before it.
 * - updates only name, phone, avatar_url, last_login, locked_until and updated_at. A role, being
 *   active, a password (and password_changed_at) change through app_set_user_role() (a super
 *   admin acting), app_set_user_active() (a super admin or the system) and
 *   app_set_password_hash() (the account's owner, which is how a reset link acts, a super admin
 *   or the system). The email is not changeable by the app at all: it is where reset links go.
 * - inserts users (with row-level security) only as a super admin or the system, and deletes
 *   them likewise (nothing in the app deletes one; tests do).
 *
 * "A super admin acting" is the request's actor (app.user_id and app.role, set by tx(),
 * src/lib/server/db/context.ts), and the user it names must be an active super admin now. These
 * settings are per transaction and can be set by anyone holding the connection: an injection
 * that can call set_config() can claim any actor, exactly as it could for row-level security.
 * What is closed is the plain path: reading hashes, and UPDATE users SET role.
 *
 * The token tables (auth_sessions, password_reset_tokens, calendar_feed_tokens, display_tokens)
 * store only SHA-256 hashes of their tokens, so reading them yields nothing that signs anyone in.
 */
import type { Migration } from '../src/lib/server/db/migrator';
import { appRole } from '../src/lib/server/db/migrator';

const UPDATABLE = ['name', 'phone', 'avatar_url', 'last_login', 'locked_until', 'updated_at'];
const FUNCTIONS = [
	'app_actor_is_admin()',
	'app_set_user_role(uuid, user_role)',
	'app_set_user_active(uuid, boolean)',
	'app_set_password_hash(uuid, text)',
	'app_password_setting(uuid)',
	'app_password_matches(uuid, text)'
];

export const up: Migration = async ({ context: sql }) => {
	const app = appRole();

	await sql(`
		CREATE TABLE password_check_failures (
			user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
			failed_at timestamptz NOT NULL DEFAULT now()
		)`);
	await sql(
		`CREATE INDEX password_check_failures_user_idx ON password_check_failures (user_id, failed_at)`
	);

	// Column privileges replace the table's: every column but the hash to read, a few to change.
	await sql(`REVOKE SELECT, INSERT, UPDATE, DELETE ON users FROM ${app}`);
	await sql(`DO $$ DECLARE cols text; BEGIN
		SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO cols
		FROM information_schema.columns
		WHERE table_schema = 'public' AND table_name = 'users' AND column_name <> 'password_hash';
		EXECUTE format('GRANT SELECT (%s) ON users TO ${app}', cols);
	END $$`);
	await sql(`GRANT UPDATE (${UPDATABLE.join(', ')}) ON users TO ${app}`);
	await sql(`GRANT INSERT, DELETE ON users TO ${app}`);

	// Whether the actor is a super admin who still is one: the claimed role alone is not enough.
	await sql(`
		CREATE FUNCTION app_actor_is_admin() RETURNS boolean
		LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
			SELECT coalesce(app_role() = 'super_admin' AND EXISTS (
				SELECT 1 FROM users WHERE id = app_user_id() AND role = 'super_admin' AND is_active), false)
		$$`);

	await sql(`ALTER TABLE users ENABLE ROW LEVEL SECURITY`);
	await sql(`CREATE POLICY users_read ON users FOR SELECT TO ${app} USING (true)`);
	await sql(`CREATE POLICY users_change ON users FOR UPDATE TO ${app} USING (true)`);
	await sql(
		`CREATE POLICY users_create ON users FOR INSERT TO ${app}
		WITH CHECK (app_actor_is_admin() OR app_role() = 'system')`
	);
	await sql(
		`CREATE POLICY users_remove ON users FOR DELETE TO ${app}
		USING (app_actor_is_admin() OR app_role() = 'system')`
	);

	await sql(`
		CREATE FUNCTION app_set_user_role(target uuid, new_role user_role) RETURNS boolean
		LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
		BEGIN
			IF NOT app_actor_is_admin() THEN
				RAISE EXCEPTION 'only a super admin may change a role' USING ERRCODE = '42501';
			END IF;
			UPDATE users SET role = new_role WHERE id = target;
			RETURN FOUND;
		END $$`);

	await sql(`
		CREATE FUNCTION app_set_user_active(target uuid, active boolean) RETURNS boolean
		LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
		BEGIN
			IF NOT coalesce(app_actor_is_admin() OR app_role() = 'system', false) THEN
				RAISE EXCEPTION 'only a super admin may activate or deactivate an account'
					USING ERRCODE = '42501';
			END IF;
			-- Activating also lifts a sign-in lock: an administrator vouched for the person.
			UPDATE users SET is_active = active,
				locked_until = CASE WHEN active THEN NULL ELSE locked_until END
			WHERE id = target;
			RETURN FOUND;
		END $$`);

	await sql(`
		CREATE FUNCTION app_set_password_hash(target uuid, new_hash text) RETURNS boolean
		LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
		BEGIN
			IF NOT coalesce(target = app_user_id() OR app_actor_is_admin() OR app_role() = 'system', false) THEN
				RAISE EXCEPTION 'only the account''s owner or a super admin may set its password'
					USING ERRCODE = '42501';
			END IF;
			IF new_hash IS NULL OR new_hash NOT LIKE '$argon2%' THEN
				RAISE EXCEPTION 'not an argon2 password hash' USING ERRCODE = '22023';
			END IF;
			UPDATE users SET password_hash = new_hash, password_changed_at = now() WHERE id = target;
			IF NOT FOUND THEN RETURN false; END IF;
			DELETE FROM password_check_failures WHERE user_id = target;
			RETURN true;
		END $$`);

	// PHC string: $argon2id$v=19$m=…,t=…,p=…$salt$digest. The setting is all but the digest.
	await sql(`
		CREATE FUNCTION app_password_setting(target uuid)
		RETURNS TABLE (setting text, digest_length integer)
		LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
			SELECT left(password_hash, length(password_hash) - length(split_part(password_hash, '$', 6)) - 1),
				length(split_part(password_hash, '$', 6)) * 3 / 4
			FROM users WHERE id = target AND split_part(password_hash, '$', 6) <> ''
		$$`);

	await sql(`
		CREATE FUNCTION app_password_matches(target uuid, digest text) RETURNS boolean
		LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
		DECLARE
			stored text;
			recent integer;
		BEGIN
			SELECT split_part(password_hash, '$', 6) INTO stored FROM users WHERE id = target;
			IF stored IS NULL OR stored = '' OR digest IS NULL THEN RETURN false; END IF;
			SELECT count(*) INTO recent FROM password_check_failures
			WHERE user_id = target AND failed_at > now() - interval '15 minutes';
			IF recent >= 50 THEN RETURN false; END IF;
			IF digest = stored THEN RETURN true; END IF;
			DELETE FROM password_check_failures
			WHERE user_id = target AND failed_at <= now() - interval '15 minutes';
			INSERT INTO password_check_failures (user_id) VALUES (target);
			RETURN false;
		END $$`);

	for (const fn of FUNCTIONS) {
		await sql(`REVOKE EXECUTE ON FUNCTION ${fn} FROM PUBLIC`);
		await sql(`GRANT EXECUTE ON FUNCTION ${fn} TO ${app}`);
	}
};

export const down: Migration = async ({ context: sql }) => {
	const app = appRole();
	for (const fn of FUNCTIONS.slice(1)) await sql(`DROP FUNCTION ${fn}`);
	await sql(`DROP POLICY users_read ON users`);
	await sql(`DROP POLICY users_change ON users`);
	await sql(`DROP POLICY users_create ON users`);
	await sql(`DROP POLICY users_remove ON users`);
	await sql(`ALTER TABLE users DISABLE ROW LEVEL SECURITY`);
	await sql(`DROP FUNCTION app_actor_is_admin()`);
	await sql(`REVOKE ALL ON users FROM ${app}`);
	await sql(`GRANT SELECT, INSERT, UPDATE, DELETE ON users TO ${app}`);
	await sql(`DROP TABLE password_check_failures`);
};
