/**
 * The live roster board's needs in the database.
 *
 * Visible-range queries through the GiST index. Row-level security wraps the app role's queries
 * on calendar_events in the read policy, and PostgreSQL only lets an index answer a condition
 * under such a policy when its operator is LEAKPROOF; the range overlap operator (&&) is not, so
 * "events overlapping this week" would read the whole table. calendar_event_ids_in_range() runs
 * the range condition as the owner, where calendar_events_span_idx answers it, and applies the
 * same visibility as the read policy itself (managers everything, others their own events); the
 * caller's query still goes through the policy as well.
 *
 * Private calendar feeds: each user may have one secret URL that their phone's calendar app
 * subscribes to (/calendar/feed/<token>.ics). Only the SHA-256 of the token is stored, as for
 * sign-in sessions, so a leaked table cannot be replayed; revoking deletes the row. The app role
 * reads, creates, touches (last_used_at) and deletes them; they are not participant-scoped, so no
 * row-level security, and the feed route looks a token up before anyone is signed in. Creating and
 * revoking a link is in the audit trail; each phone's poll (an update of last_used_at) is not.
 */
import type { Migration } from '../src/lib/server/db/migrator';
import { appRole } from '../src/lib/server/db/migrator';

export const up: Migration = async ({ context: sql }) => {
	const app = appRole();
	await sql(`
		CREATE FUNCTION calendar_event_ids_in_range(range_start timestamptz, range_end timestamptz)
		RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
		ROWS 2000 AS $$
			SELECT id FROM calendar_events
			WHERE tstzrange(start_datetime, end_datetime) && tstzrange(range_start, range_end)
				AND (app_is_manager() OR staff_id = app_user_id())
		$$`);
	await sql(
		`REVOKE ALL ON FUNCTION calendar_event_ids_in_range(timestamptz, timestamptz) FROM PUBLIC`
	);
	await sql(
		`GRANT EXECUTE ON FUNCTION calendar_event_ids_in_range(timestamptz, timestamptz) TO ${app}`
	);

	await sql(`
		CREATE TABLE calendar_feed_tokens (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			user_id uuid NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
			token_hash varchar(64) NOT NULL UNIQUE,
			created_at timestamptz NOT NULL DEFAULT now(),
			last_used_at timestamptz
		)`);
	await sql(
		`CREATE TRIGGER calendar_feed_tokens_audit AFTER INSERT OR DELETE ON calendar_feed_tokens
		FOR EACH ROW EXECUTE FUNCTION audit_row_change('calendar_feed_tokens')`
	);
	await sql(`GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_feed_tokens TO ${app}`);
};

export const down: Migration = async ({ context: sql }) => {
	const app = appRole();
	await sql(`REVOKE ALL ON calendar_feed_tokens FROM ${app}`);
	await sql(`DROP TABLE calendar_feed_tokens`); // its trigger goes with it
	await sql(`DROP FUNCTION calendar_event_ids_in_range(timestamptz, timestamptz)`);
};
