/**
 * The application connects as a role that owns no tables (ndis_app by default, the user in
 * DATABASE_URL), so row-level security policies apply to it and it cannot alter the schema.
 *
 * Privileges are granted on the partitioned parents only, never on their partitions: a query
 * that named a partition directly would bypass the parent's policies, so the app role simply
 * cannot. The audit trail is append-only for the app: SELECT and INSERT, no UPDATE or DELETE.
 */
import type { Migration } from '../src/lib/server/db/migrator';
import { appRole } from '../src/lib/server/db/migrator';

export const APP_TABLES = [
	'users',
	'participants',
	'staff_members',
	'participant_staff',
	'auth_sessions',
	'ndis_item_codes',
	'ndis_item_code_prices',
	'system_settings',
	'user_settings',
	'notifications',
	'session_logs',
	'progress_notes',
	'participant_goals',
	'calendar_events',
	'invoices',
	'invoice_items',
	'documents'
];

export const up: Migration = async ({ context: sql }) => {
	const role = appRole();
	await sql(`GRANT USAGE ON SCHEMA public TO ${role}`);
	await sql(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${APP_TABLES.join(', ')} TO ${role}`);
	await sql(`GRANT SELECT, INSERT ON audit_logs TO ${role}`);
	await sql(`GRANT EXECUTE ON FUNCTION document_search_vector(text, jsonb) TO ${role}`);
};

export const down: Migration = async ({ context: sql }) => {
	const role = appRole();
	await sql(`REVOKE ALL ON ${APP_TABLES.join(', ')}, audit_logs FROM ${role}`);
	await sql(`REVOKE USAGE ON SCHEMA public FROM ${role}`);
};
