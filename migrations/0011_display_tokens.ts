/**
 * Wall displays sign in with a named, revocable, read-only token instead of a person's session.
 * Only the token's SHA-256 is stored, as for sign-in sessions: a leaked table cannot be replayed.
 * Revoking keeps the row (who made it, who revoked it, when it was last used). The service writes
 * the audit entries for creating and revoking in the same transaction; a row trigger would also log
 * every last_used_at touch of every screen, burying those two events.
 */
import type { Migration } from '../src/lib/server/db/migrator';
import { appRole } from '../src/lib/server/db/migrator';

export const up: Migration = async ({ context: sql }) => {
	const app = appRole();
	await sql(`
		CREATE TABLE display_tokens (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			name varchar(100) NOT NULL,
			token_hash char(64) NOT NULL,
			created_by uuid REFERENCES users (id) ON DELETE SET NULL,
			created_at timestamptz NOT NULL DEFAULT now(),
			last_used_at timestamptz,
			revoked_at timestamptz,
			revoked_by uuid REFERENCES users (id) ON DELETE SET NULL,
			CONSTRAINT display_tokens_token_hash_key UNIQUE (token_hash),
			CONSTRAINT display_tokens_name_not_blank CHECK (btrim(name) <> '')
		)`);
	await sql(`CREATE INDEX display_tokens_created_by_idx ON display_tokens (created_by)`);
	await sql(`CREATE INDEX display_tokens_revoked_by_idx ON display_tokens (revoked_by)`);
	await sql(`GRANT SELECT, INSERT, UPDATE ON display_tokens TO ${app}`);
};

export const down: Migration = async ({ context: sql }) => {
	await sql(`DROP TABLE display_tokens`);
};
