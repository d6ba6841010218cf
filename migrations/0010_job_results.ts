/**
 * What the background jobs compute and remember (src/jobs):
 *
 * - participant_budget_stats: one row per participant, the budget figures the nightly and
 *   per-approval recompute derives from approved sessions and invoices (burn rate, share of plan
 *   elapsed, projected exhaustion, risk). Derived data, so it is not audited; participants.used_budget
 *   itself is still written (and audited) when it changes.
 * - participant_monthly_spend: the same valuation by month and support category, so the managers'
 *   dashboard charts spend over time without re-pricing a million sessions on every page load.
 * - document_expiry_notices: the ledger that makes "notify once per transition" hold across
 *   retries, concurrent workers and re-runs: a notice is sent only by the statement that inserts it.
 * - access_reviews: each quarterly access review's CSV, keyed by the job that made it, so a retried
 *   job never makes a second one.
 * - an index on session_logs.approved_at, for "approved today".
 * - schema archive: month partitions older than the 7-year retention are detached into it (moved,
 *   never deleted); the app role has no access to it.
 *
 * Row-level security on the two participant-scoped tables follows participants: whoever may see
 * the participant may read its figures; only managers (and jobs, as 'system') write them.
 */
import type { Migration } from '../src/lib/server/db/migrator';
import { appRole } from '../src/lib/server/db/migrator';

export const RISKS = [
	'no_plan',
	'not_started',
	'on_track',
	'overspending',
	'underspending',
	'exhausted',
	'ended'
] as const;

export const up: Migration = async ({ context: sql }) => {
	const app = appRole();
	await sql(`
		CREATE TABLE participant_budget_stats (
			participant_id uuid PRIMARY KEY REFERENCES participants (id) ON DELETE CASCADE,
			as_of date NOT NULL,
			total_budget numeric(12,2),
			used_budget numeric(12,2) NOT NULL DEFAULT 0,
			invoiced_amount numeric(12,2) NOT NULL DEFAULT 0,
			uninvoiced_amount numeric(12,2) NOT NULL DEFAULT 0,
			unpriced_hours numeric(10,2) NOT NULL DEFAULT 0,
			used_percent numeric(8,2),
			plan_elapsed_percent numeric(5,2),
			burn_rate_per_day numeric(12,2),
			projected_spend numeric(14,2),
			projected_exhaustion_date date,
			exhausted_on date,
			risk varchar(20) NOT NULL,
			computed_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT participant_budget_stats_risk CHECK (risk IN (${RISKS.map((r) => `'${r}'`).join(', ')}))
		)`);
	await sql(`CREATE INDEX participant_budget_stats_risk_idx ON participant_budget_stats (risk)`);

	await sql(`
		CREATE TABLE participant_monthly_spend (
			participant_id uuid NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
			month date NOT NULL,
			category varchar(255) NOT NULL,
			amount numeric(12,2) NOT NULL,
			hours numeric(10,2) NOT NULL,
			PRIMARY KEY (participant_id, month, category),
			CONSTRAINT participant_monthly_spend_first_of_month CHECK (extract(day FROM month) = 1)
		)`);
	await sql(
		`CREATE INDEX participant_monthly_spend_month_idx ON participant_monthly_spend (month)`
	);

	for (const table of ['participant_budget_stats', 'participant_monthly_spend']) {
		await sql(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
		await sql(
			// Managers first: the inlined role check spares them a function call per row.
			`CREATE POLICY ${table}_read ON ${table} FOR SELECT TO ${app} USING (app_is_manager() OR app_can_see_participant(participant_id))`
		);
		await sql(
			`CREATE POLICY ${table}_write ON ${table} FOR ALL TO ${app} USING (app_is_manager()) WITH CHECK (app_is_manager())`
		);
		await sql(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${app}`);
	}

	await sql(`
		CREATE TABLE document_expiry_notices (
			document_id uuid NOT NULL,
			document_type document_type NOT NULL,
			expiry_date date NOT NULL,
			status document_status NOT NULL,
			notified_at timestamptz NOT NULL DEFAULT now(),
			PRIMARY KEY (document_id, expiry_date, status),
			CONSTRAINT document_expiry_notices_document_fkey FOREIGN KEY (document_id, document_type)
				REFERENCES documents (id, type) ON DELETE CASCADE,
			CONSTRAINT document_expiry_notices_not_current CHECK (status <> 'current')
		)`);
	await sql(
		`CREATE INDEX document_expiry_notices_document_idx ON document_expiry_notices (document_id, document_type)`
	);
	await sql(`GRANT SELECT, INSERT, DELETE ON document_expiry_notices TO ${app}`);

	await sql(`
		CREATE TABLE access_reviews (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			period varchar(20) NOT NULL,
			job_id varchar(255) NOT NULL,
			summary jsonb NOT NULL,
			csv text NOT NULL,
			created_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT access_reviews_job_id_key UNIQUE (job_id)
		)`);
	await sql(`CREATE INDEX access_reviews_created_at_idx ON access_reviews (created_at DESC)`);
	await sql(`GRANT SELECT, INSERT ON access_reviews TO ${app}`);

	// "Approved today" on the wall displays and dashboards, without scanning every session.
	await sql(
		`CREATE INDEX session_logs_approved_at_idx ON session_logs (approved_at) WHERE approved_at IS NOT NULL`
	);

	await sql(`CREATE SCHEMA IF NOT EXISTS archive`);
	await sql(`REVOKE ALL ON SCHEMA archive FROM PUBLIC`);
};

export const down: Migration = async ({ context: sql }) => {
	// Refuses (rightly) while archived partitions exist: retained records are never dropped here.
	await sql(`DROP SCHEMA archive`);
	await sql(`DROP INDEX session_logs_approved_at_idx`);
	await sql(`DROP TABLE access_reviews`);
	await sql(`DROP TABLE document_expiry_notices`);
	await sql(`DROP TABLE participant_monthly_spend`);
	await sql(`DROP TABLE participant_budget_stats`);
};
