/**
 * What must survive a Redis outage (src/lib/server/outbox.ts):
 *
 * - outbox: realtime events and job requests written in the same transaction as the change they
 *   announce, so a rollback sends nothing and a commit loses nothing. An event row is deleted once
 *   published; a job row once a worker has finished the job (not merely queued it), because a
 *   restarted Redis that keeps nothing on disk forgets queued jobs too. `seq` keeps delivery in
 *   commit order; `id` is made by the app, so writing a row needs no RETURNING (which row-level
 *   security would check against the read policy).
 * - job_runs: when each scheduled job last finished a full run, kept here because Redis may have
 *   lost everything; the worker queues a run it finds missed (src/jobs/catch-up.ts).
 *
 * The outbox holds event payloads (names, notification texts), so only the 'system' actor, as
 * which the delivering code runs, may read, change or delete its rows; any request may add one.
 */
import type { Migration } from '../src/lib/server/db/migrator';
import { appRole } from '../src/lib/server/db/migrator';

export const up: Migration = async ({ context: sql }) => {
	const app = appRole();
	await sql(`
		CREATE TABLE outbox (
			id uuid PRIMARY KEY,
			seq bigint GENERATED ALWAYS AS IDENTITY,
			kind varchar(10) NOT NULL,
			name varchar(100) NOT NULL,
			rooms text[],
			payload jsonb NOT NULL,
			options jsonb,
			job_key varchar(255),
			created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
			queued_at timestamptz,
			checked_at timestamptz,
			attempts integer NOT NULL DEFAULT 0,
			last_error text,
			CONSTRAINT outbox_kind CHECK (kind IN ('event', 'job')),
			CONSTRAINT outbox_event_rooms CHECK (kind <> 'event' OR (rooms IS NOT NULL AND queued_at IS NULL)),
			CONSTRAINT outbox_job_key CHECK (kind <> 'job' OR job_key IS NOT NULL)
		)`);
	// The drainer's two questions: what is still to be sent, and what was queued long ago.
	await sql(`CREATE INDEX outbox_unsent_idx ON outbox (seq) WHERE queued_at IS NULL`);
	await sql(`CREATE INDEX outbox_queued_idx ON outbox (queued_at) WHERE queued_at IS NOT NULL`);
	// A finished job removes the rows it served.
	await sql(`CREATE INDEX outbox_job_key_idx ON outbox (job_key) WHERE job_key IS NOT NULL`);
	await sql(`ALTER TABLE outbox ENABLE ROW LEVEL SECURITY`);
	await sql(`CREATE POLICY outbox_write ON outbox FOR INSERT TO ${app} WITH CHECK (true)`);
	await sql(
		`CREATE POLICY outbox_read ON outbox FOR SELECT TO ${app} USING (app_role() = 'system')`
	);
	await sql(
		`CREATE POLICY outbox_change ON outbox FOR UPDATE TO ${app} USING (app_role() = 'system')`
	);
	await sql(
		`CREATE POLICY outbox_remove ON outbox FOR DELETE TO ${app} USING (app_role() = 'system')`
	);
	await sql(`GRANT SELECT, INSERT, DELETE ON outbox TO ${app}`);
	await sql(`GRANT UPDATE (queued_at, checked_at, attempts, last_error) ON outbox TO ${app}`);

	await sql(`
		CREATE TABLE job_runs (
			job_name varchar(100) PRIMARY KEY,
			tracked_since timestamptz NOT NULL DEFAULT now(),
			last_succeeded_at timestamptz
		)`);
	// Only jobs (the 'system' actor) touch it; nothing personal is in it.
	await sql(`GRANT SELECT, INSERT, UPDATE ON job_runs TO ${app}`);
};

export const down: Migration = async ({ context: sql }) => {
	await sql(`DROP TABLE job_runs`);
	await sql(`DROP TABLE outbox`);
};
