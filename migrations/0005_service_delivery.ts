/**
 * Phase 2 of the spec: session logs, progress notes, goals and the roster.
 *
 * session_logs is partitioned by month of session_date, so its primary key is (id, session_date).
 * Referential integrity for the tables that point at a session (progress_notes here, invoice_items
 * later) is kept with a composite foreign key: the child stores the session's id AND its date,
 * and references session_logs (id, session_date). Consequences, all deliberate:
 * - the database still guarantees every link points at a real session (no trigger-based checks);
 * - ON UPDATE CASCADE follows a session whose date is corrected, even when that moves the row to
 *   another month's partition (PostgreSQL 15 runs the action on the partitioned root);
 * - a CHECK keeps the pair all-or-nothing, because MATCH SIMPLE would accept half a key.
 * ids come from gen_random_uuid(), and the API addresses a session by id alone.
 *
 * A session has a date and two times, as the spec says. A session whose end_time is not after its
 * start_time ends on the next day (sleepovers, night shifts); duration_hours is the real length,
 * across midnight. The ends_next_day column makes that explicit for queries and clash checks.
 */
import type { Migration } from '../src/lib/server/db/migrator';
import {
	touchTrigger,
	INITIAL_MONTHS_BACK,
	INITIAL_MONTHS_AHEAD
} from '../src/lib/server/db/migrator';

export const up: Migration = async ({ context: sql }) => {
	await sql(`
		CREATE TABLE session_logs (
			id uuid NOT NULL DEFAULT gen_random_uuid(),
			participant_id uuid NOT NULL REFERENCES participants (id) ON DELETE RESTRICT,
			staff_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
			ndis_item_code_id uuid REFERENCES ndis_item_codes (id) ON DELETE RESTRICT,
			service_type varchar(100) NOT NULL,
			session_date date NOT NULL,
			start_time time NOT NULL,
			end_time time NOT NULL,
			ends_next_day boolean GENERATED ALWAYS AS (end_time <= start_time) STORED,
			duration_hours numeric(4,2) NOT NULL,
			travel_kilometers numeric(6,2) DEFAULT 0.00,
			notes text,
			outcomes text,
			next_steps text,
			participant_mood participant_mood,
			challenges text,
			achievements text,
			status session_status DEFAULT 'pending',
			rejection_reason text,
			approved_by uuid REFERENCES users (id) ON DELETE RESTRICT,
			approved_at timestamptz,
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			PRIMARY KEY (id, session_date),
			CONSTRAINT session_logs_duration_range CHECK (duration_hours > 0 AND duration_hours <= 24),
			CONSTRAINT session_logs_travel_not_negative CHECK (travel_kilometers IS NULL OR travel_kilometers >= 0)
		) PARTITION BY RANGE (session_date)`);
	await sql(`CREATE TABLE session_logs_default PARTITION OF session_logs DEFAULT`);
	await sql(`CREATE INDEX session_logs_participant_id_idx ON session_logs (participant_id)`);
	await sql(`CREATE INDEX session_logs_staff_id_idx ON session_logs (staff_id)`);
	await sql(`CREATE INDEX session_logs_session_date_idx ON session_logs (session_date)`);
	await sql(`CREATE INDEX session_logs_status_idx ON session_logs (status)`);
	await sql(`CREATE INDEX session_logs_service_type_idx ON session_logs (service_type)`);
	await sql(`CREATE INDEX session_logs_item_code_idx ON session_logs (ndis_item_code_id)`);
	// Every foreign key column is indexed, so RESTRICT checks on a user's deletion stay cheap.
	await sql(`CREATE INDEX session_logs_approved_by_idx ON session_logs (approved_by)`);
	// Hot paths: a participant's sessions by date, a worker's sessions by date (and clash checks).
	await sql(
		`CREATE INDEX session_logs_participant_date_idx ON session_logs (participant_id, session_date)`
	);
	await sql(`CREATE INDEX session_logs_staff_date_idx ON session_logs (staff_id, session_date)`);
	// The approval queue.
	await sql(
		`CREATE INDEX session_logs_pending_idx ON session_logs (session_date, created_at) WHERE status = 'pending'`
	);
	await touchTrigger(sql, 'session_logs');
	await sql(
		`SELECT * FROM ensure_monthly_partitions('session_logs', (current_date - interval '${INITIAL_MONTHS_BACK} months')::date, (current_date + interval '${INITIAL_MONTHS_AHEAD} months')::date)`
	);

	await sql(`
		CREATE TABLE progress_notes (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			participant_id uuid NOT NULL REFERENCES participants (id) ON DELETE RESTRICT,
			session_log_id uuid,
			session_log_date date,
			worker_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
			date date NOT NULL,
			session_type varchar(100),
			duration varchar(50),
			notes text,
			outcomes jsonb,
			created_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT progress_notes_session_log_fkey FOREIGN KEY (session_log_id, session_log_date)
				REFERENCES session_logs (id, session_date) ON UPDATE CASCADE ON DELETE SET NULL,
			CONSTRAINT progress_notes_session_log_pair CHECK ((session_log_id IS NULL) = (session_log_date IS NULL)),
			CONSTRAINT progress_notes_outcomes_array CHECK (outcomes IS NULL OR jsonb_typeof(outcomes) = 'array')
		)`);
	await sql(`CREATE INDEX progress_notes_participant_id_idx ON progress_notes (participant_id)`);
	await sql(
		`CREATE INDEX progress_notes_session_log_id_idx ON progress_notes (session_log_id, session_log_date)`
	);
	await sql(`CREATE INDEX progress_notes_worker_id_idx ON progress_notes (worker_id)`);
	await sql(`CREATE INDEX progress_notes_date_idx ON progress_notes (date)`);

	await sql(`
		CREATE TABLE participant_goals (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			participant_id uuid NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
			category varchar(100) NOT NULL,
			goal text NOT NULL,
			description text,
			progress_percentage integer DEFAULT 0,
			status goal_status DEFAULT 'not_started',
			due_date date,
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT participant_goals_progress_range CHECK (progress_percentage BETWEEN 0 AND 100)
		)`);
	await sql(
		`CREATE INDEX participant_goals_participant_id_idx ON participant_goals (participant_id)`
	);
	await sql(`CREATE INDEX participant_goals_status_idx ON participant_goals (status)`);
	await sql(`CREATE INDEX participant_goals_due_date_idx ON participant_goals (due_date)`);
	await touchTrigger(sql, 'participant_goals');

	// version: optimistic concurrency for the live board (a stale edit gets 409, never wins).
	await sql(`
		CREATE TABLE calendar_events (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			title varchar(255) NOT NULL,
			description text,
			participant_id uuid REFERENCES participants (id) ON DELETE RESTRICT,
			staff_id uuid REFERENCES users (id) ON DELETE SET NULL,
			event_type event_type,
			start_datetime timestamptz NOT NULL,
			end_datetime timestamptz NOT NULL,
			location varchar(255),
			status event_status DEFAULT 'scheduled',
			created_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
			version integer NOT NULL DEFAULT 1,
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT calendar_events_end_after_start CHECK (end_datetime > start_datetime)
		)`);
	await sql(`CREATE INDEX calendar_events_participant_id_idx ON calendar_events (participant_id)`);
	await sql(`CREATE INDEX calendar_events_staff_id_idx ON calendar_events (staff_id)`);
	await sql(`CREATE INDEX calendar_events_start_datetime_idx ON calendar_events (start_datetime)`);
	await sql(`CREATE INDEX calendar_events_status_idx ON calendar_events (status)`);
	await sql(`CREATE INDEX calendar_events_event_type_idx ON calendar_events (event_type)`);
	await sql(`CREATE INDEX calendar_events_created_by_idx ON calendar_events (created_by)`);
	// The board asks for "events overlapping this range"; a range index answers that directly.
	await sql(
		`CREATE INDEX calendar_events_span_idx ON calendar_events USING gist (tstzrange(start_datetime, end_datetime))`
	);
	await touchTrigger(sql, 'calendar_events');
};

export const down: Migration = async ({ context: sql }) => {
	for (const table of ['calendar_events', 'participant_goals', 'progress_notes', 'session_logs']) {
		await sql(`DROP TABLE ${table}`);
	}
};
