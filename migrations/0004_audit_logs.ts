/**
 * The audit trail. Partitioned by month of created_at: it is append-only, the largest table,
 * and kept for at least 7 years, so old months can be archived or moved as whole partitions.
 * The primary key includes created_at because a partitioned table's unique constraints must
 * contain the partition key. Nothing references audit rows, so that costs nothing.
 *
 * user_id RESTRICTs: a user with an audit history can be deactivated but never deleted, so the
 * trail always names a real account.
 */
import type { Migration } from '../src/lib/server/db/migrator';
import { INITIAL_MONTHS_BACK, INITIAL_MONTHS_AHEAD } from '../src/lib/server/db/migrator';

export const up: Migration = async ({ context: sql }) => {
	await sql(`
		CREATE TABLE audit_logs (
			id uuid NOT NULL DEFAULT gen_random_uuid(),
			user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
			action varchar(100) NOT NULL,
			table_name varchar(100),
			record_id uuid,
			old_values jsonb,
			new_values jsonb,
			ip_address varchar(45),
			user_agent text,
			created_at timestamptz NOT NULL DEFAULT now(),
			PRIMARY KEY (id, created_at)
		) PARTITION BY RANGE (created_at)`);
	await sql(`CREATE TABLE audit_logs_default PARTITION OF audit_logs DEFAULT`);
	await sql(`CREATE INDEX audit_logs_user_id_idx ON audit_logs (user_id)`);
	await sql(`CREATE INDEX audit_logs_action_idx ON audit_logs (action)`);
	await sql(`CREATE INDEX audit_logs_table_name_idx ON audit_logs (table_name)`);
	await sql(`CREATE INDEX audit_logs_created_at_idx ON audit_logs (created_at)`);
	// A record page's history: every change to one record, newest first.
	await sql(
		`CREATE INDEX audit_logs_record_idx ON audit_logs (table_name, record_id, created_at DESC)`
	);
	await sql(
		`SELECT * FROM ensure_monthly_partitions('audit_logs', (current_date - interval '${INITIAL_MONTHS_BACK} months')::date, (current_date + interval '${INITIAL_MONTHS_AHEAD} months')::date)`
	);
};

export const down: Migration = async ({ context: sql }) => {
	await sql(`DROP TABLE audit_logs`);
};
