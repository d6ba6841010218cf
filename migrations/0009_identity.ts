/**
 * Identity and access control in the database: sign-in bookkeeping, password resets, the request
 * context, the audit trail and row-level security.
 *
 * Request context. Each request runs in a transaction that sets `app.user_id`, `app.role`,
 * `app.ip` and `app.user_agent` with SET LOCAL (src/lib/server/db/context.ts). Policies and the
 * audit trigger read them through app_user_id() / app_role(). With no context (a query outside
 * any request transaction) app_role() is NULL and every participant-scoped policy denies: a bug
 * in a route cannot leak rows, it can only see nothing. Background jobs use the role 'system'.
 *
 * Audit trail. One AFTER ROW trigger per audited table writes one audit_logs row per insert,
 * update or delete, in the same transaction as the change, so neither exists without the other.
 * Updates record only the columns that changed; an update that changes nothing writes nothing.
 * password_hash is never copied into the trail. Encrypted columns are stored encrypted, so the
 * trail holds their ciphertext too. The schema owner may switch the trigger off for a bulk load
 * (`SET LOCAL app.bulk_load = 'on'`, honoured only for the table's owner): the scale seed uses
 * it; the app role cannot.
 *
 * Row-level security is enabled (not forced: the owner, which runs migrations, imports and
 * maintenance, is trusted) on every participant-scoped table. The policies mirror the permission
 * policy of src/lib/server/auth/permissions.ts: managers (super_admin, support_coordinator, and
 * system) see everything; support workers and allied health see the participants assigned to them
 * and their own sessions, notes and events.
 */
import type { Migration } from '../src/lib/server/db/migrator';
import { appRole } from '../src/lib/server/db/migrator';

export const AUDITED_TABLES = [
	'users',
	'participants',
	'staff_members',
	'participant_staff',
	'ndis_item_codes',
	'ndis_item_code_prices',
	'session_logs',
	'invoices',
	'invoice_items',
	'documents',
	'participant_goals',
	'progress_notes',
	'calendar_events',
	'system_settings',
	'user_settings',
	'notifications'
];

const RLS_TABLES = [
	'participants',
	'participant_staff',
	'session_logs',
	'progress_notes',
	'participant_goals',
	'calendar_events',
	'invoices',
	'invoice_items',
	'documents',
	'notifications',
	'audit_logs'
];

export const up: Migration = async ({ context: sql }) => {
	const app = appRole();

	await sql(`ALTER TABLE users ADD COLUMN locked_until timestamptz`);
	await sql(`ALTER TABLE users ADD COLUMN password_changed_at timestamptz`);

	await sql(`
		CREATE TABLE login_attempts (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			email varchar(255) NOT NULL,
			ip_address varchar(45),
			user_id uuid REFERENCES users (id) ON DELETE CASCADE,
			succeeded boolean NOT NULL,
			created_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT login_attempts_email_lowercase CHECK (email = lower(email))
		)`);
	await sql(`CREATE INDEX login_attempts_email_idx ON login_attempts (email, created_at DESC)`);
	await sql(`CREATE INDEX login_attempts_ip_idx ON login_attempts (ip_address, created_at DESC)`);

	await sql(`
		CREATE TABLE password_reset_tokens (
			id varchar(64) PRIMARY KEY,
			user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
			expires_at timestamptz NOT NULL,
			used_at timestamptz,
			created_at timestamptz NOT NULL DEFAULT now()
		)`);
	await sql(`CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id)`);

	await sql(`
		CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS $$
			SELECT nullif(current_setting('app.user_id', true), '')::uuid
		$$`);
	await sql(`
		CREATE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE AS $$
			SELECT nullif(current_setting('app.role', true), '')
		$$`);
	await sql(`
		CREATE FUNCTION app_is_manager() RETURNS boolean LANGUAGE sql STABLE AS $$
			SELECT coalesce(app_role() IN ('super_admin', 'support_coordinator', 'system'), false)
		$$`);
	// SECURITY DEFINER: reads assignments as the owner, so the check does not recurse through
	// participant_staff's own policy. It answers only for the current user.
	await sql(`
		CREATE FUNCTION app_can_see_participant(pid uuid) RETURNS boolean
		LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
			SELECT app_is_manager() OR EXISTS (
				SELECT 1 FROM participant_staff ps WHERE ps.participant_id = pid AND ps.user_id = app_user_id())
		$$`);

	await sql(`
		CREATE FUNCTION audit_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
		DECLARE
			logical_table text := TG_ARGV[0];
			old_row jsonb;
			new_row jsonb;
			record uuid;
		BEGIN
			IF current_setting('app.bulk_load', true) = 'on'
				AND (SELECT relowner FROM pg_class WHERE oid = TG_RELID) =
					(SELECT oid FROM pg_roles WHERE rolname = current_user) THEN
				RETURN NULL;
			END IF;
			IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - 'search_vector'; END IF;
			IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - 'search_vector'; END IF;
			IF TG_OP = 'UPDATE' THEN
				SELECT jsonb_object_agg(n.key, o.value), jsonb_object_agg(n.key, n.value)
				INTO old_row, new_row
				FROM jsonb_each(new_row) n JOIN jsonb_each(old_row) o USING (key)
				WHERE n.value IS DISTINCT FROM o.value AND n.key <> 'updated_at';
				IF new_row IS NULL THEN RETURN NULL; END IF;
			END IF;
			IF old_row ? 'password_hash' THEN old_row := old_row || '{"password_hash": "[redacted]"}'; END IF;
			IF new_row ? 'password_hash' THEN new_row := new_row || '{"password_hash": "[redacted]"}'; END IF;
			record := coalesce(NEW.id, OLD.id);
			INSERT INTO audit_logs (user_id, action, table_name, record_id, old_values, new_values, ip_address, user_agent)
			VALUES (app_user_id(), lower(TG_OP), logical_table, record, old_row, new_row,
				nullif(current_setting('app.ip', true), ''), nullif(current_setting('app.user_agent', true), ''));
			RETURN NULL;
		END $$`);
	for (const table of AUDITED_TABLES) {
		await sql(
			`CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON ${table}
			FOR EACH ROW EXECUTE FUNCTION audit_row_change('${table}')`
		);
	}

	for (const table of RLS_TABLES) await sql(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
	const policy = (table: string, name: string, command: string, clause: string) =>
		sql(`CREATE POLICY ${table}_${name} ON ${table} FOR ${command} TO ${app} ${clause}`);

	await policy('participants', 'read', 'SELECT', 'USING (app_can_see_participant(id))');
	await policy('participants', 'write', 'INSERT', 'WITH CHECK (app_is_manager())');
	await policy('participants', 'change', 'UPDATE', 'USING (app_is_manager())');
	// No DELETE policy: participants are never hard-deleted.

	await policy(
		'participant_staff',
		'read',
		'SELECT',
		'USING (user_id = app_user_id() OR app_can_see_participant(participant_id))'
	);
	await policy('participant_staff', 'manage', 'ALL', 'USING (app_is_manager())');

	const own = (column: string) => `app_is_manager() OR ${column} = app_user_id()`;
	const ownForAssigned = (column: string) =>
		`app_is_manager() OR (${column} = app_user_id() AND app_can_see_participant(participant_id))`;
	for (const [table, author] of [
		['session_logs', 'staff_id'],
		['progress_notes', 'worker_id']
	] as const) {
		await policy(table, 'read', 'SELECT', `USING (${own(author)})`);
		await policy(table, 'write', 'INSERT', `WITH CHECK (${ownForAssigned(author)})`);
		await policy(
			table,
			'change',
			'UPDATE',
			`USING (${own(author)}) WITH CHECK (${ownForAssigned(author)})`
		);
		await policy(table, 'remove', 'DELETE', `USING (${own(author)})`);
	}

	await policy(
		'participant_goals',
		'read',
		'SELECT',
		'USING (app_can_see_participant(participant_id))'
	);
	await policy(
		'participant_goals',
		'manage',
		'ALL',
		`USING (app_is_manager() OR (app_role() = 'allied_health' AND app_can_see_participant(participant_id)))`
	);

	await policy('calendar_events', 'read', 'SELECT', `USING (${own('staff_id')})`);
	await policy('calendar_events', 'write', 'INSERT', 'WITH CHECK (app_is_manager())');
	await policy('calendar_events', 'change', 'UPDATE', `USING (${own('staff_id')})`);
	await policy('calendar_events', 'remove', 'DELETE', 'USING (app_is_manager())');

	await policy('invoices', 'manage', 'ALL', 'USING (app_is_manager())');
	await policy('invoice_items', 'manage', 'ALL', 'USING (app_is_manager())');

	const documentVisible = `app_is_manager() OR uploaded_by = app_user_id()
		OR (participant_id IS NOT NULL AND app_can_see_participant(participant_id))`;
	await policy('documents', 'read', 'SELECT', `USING (${documentVisible})`);
	await policy(
		'documents',
		'write',
		'INSERT',
		`WITH CHECK (app_is_manager() OR (uploaded_by = app_user_id()
			AND (participant_id IS NULL OR app_can_see_participant(participant_id))))`
	);
	await policy('documents', 'change', 'UPDATE', `USING (${documentVisible})`);
	await policy('documents', 'remove', 'DELETE', 'USING (app_is_manager())');

	await policy(
		'notifications',
		'read',
		'SELECT',
		`USING (user_id = app_user_id() OR app_role() = 'system')`
	);
	// Anyone signed in may notify someone else (a coordinator's approval notifies the worker).
	await policy('notifications', 'write', 'INSERT', 'WITH CHECK (app_role() IS NOT NULL)');
	await policy(
		'notifications',
		'change',
		'UPDATE',
		`USING (user_id = app_user_id() OR app_role() = 'system')`
	);
	await policy(
		'notifications',
		'remove',
		'DELETE',
		`USING (user_id = app_user_id() OR app_role() = 'system')`
	);

	// The trail is readable by super_admins (and coordinators, for a record's history); anyone may
	// append to it; nobody through the app role may change it (no UPDATE or DELETE grant).
	await policy(
		'audit_logs',
		'read',
		'SELECT',
		`USING (app_role() IN ('super_admin', 'support_coordinator', 'system'))`
	);
	await policy('audit_logs', 'write', 'INSERT', 'WITH CHECK (true)');

	await sql(
		`GRANT SELECT, INSERT, UPDATE, DELETE ON login_attempts, password_reset_tokens TO ${app}`
	);
};

export const down: Migration = async ({ context: sql }) => {
	const app = appRole();
	await sql(`REVOKE ALL ON login_attempts, password_reset_tokens FROM ${app}`);
	for (const table of RLS_TABLES) {
		await sql(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
		await sql(`DO $$ DECLARE p record; BEGIN
			FOR p IN SELECT policyname FROM pg_policies WHERE tablename = '${table}' LOOP
				EXECUTE format('DROP POLICY %I ON ${table}', p.policyname);
			END LOOP; END $$`);
	}
	for (const table of AUDITED_TABLES) await sql(`DROP TRIGGER ${table}_audit ON ${table}`);
	await sql(`DROP FUNCTION audit_row_change()`);
	await sql(`DROP FUNCTION app_can_see_participant(uuid)`);
	await sql(`DROP FUNCTION app_is_manager()`);
	await sql(`DROP FUNCTION app_role()`);
	await sql(`DROP FUNCTION app_user_id()`);
	await sql(`DROP TABLE password_reset_tokens`);
	await sql(`DROP TABLE login_attempts`);
	await sql(`ALTER TABLE users DROP COLUMN password_changed_at`);
	await sql(`ALTER TABLE users DROP COLUMN locked_until`);
};
