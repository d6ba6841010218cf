/**
 * Time-series tables are partitioned by month (session_logs by session_date, audit_logs by
 * created_at). This migration adds the functions that manage those partitions:
 *
 * - ensure_monthly_partitions(parent, from, to) creates one partition per month in the range,
 *   named <parent>_yYYYYmMM, and is safe to call again (the maintenance job calls it ahead of time).
 * - Every partitioned table also has a DEFAULT partition, so an insert for a month nobody
 *   prepared (a far-future typo, a very old import) is never refused.
 * - A month whose rows already sit in the default partition is skipped, not forced: attaching a
 *   partition over rows in the default partition would fail, and moving them would fire the
 *   foreign-key actions of the tables that reference them. Such months stay in the default
 *   partition (still queried and constrained normally) and the function reports them.
 */
import type { Migration } from '../src/lib/server/db/migrator';

export const up: Migration = async ({ context: sql }) => {
	await sql(`
		CREATE FUNCTION ensure_monthly_partitions(parent regclass, from_month date, to_month date)
		RETURNS TABLE (partition_name text, created boolean, skipped_reason text)
		LANGUAGE plpgsql AS $$
		DECLARE
			month_start date := date_trunc('month', from_month)::date;
			last_month date := date_trunc('month', to_month)::date;
			parent_name text := parent::text;
			key_column text;
			part text;
			default_part text := parent_name || '_default';
			clash boolean;
		BEGIN
			SELECT a.attname INTO key_column
			FROM pg_partitioned_table pt
			JOIN pg_attribute a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0]
			WHERE pt.partrelid = parent;
			IF key_column IS NULL THEN
				RAISE EXCEPTION '% is not a partitioned table', parent_name;
			END IF;

			WHILE month_start <= last_month LOOP
				part := format('%s_y%sm%s', parent_name, to_char(month_start, 'YYYY'), to_char(month_start, 'MM'));
				partition_name := part;
				IF to_regclass(part) IS NOT NULL THEN
					created := false; skipped_reason := 'exists';
				ELSE
					clash := false;
					IF to_regclass(default_part) IS NOT NULL THEN
						EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I >= %L AND %I < %L)',
							default_part, key_column, month_start, key_column, (month_start + interval '1 month')::date)
							INTO clash;
					END IF;
					IF clash THEN
						created := false; skipped_reason := 'rows for this month are in the default partition';
					ELSE
						EXECUTE format('CREATE TABLE %I PARTITION OF %s FOR VALUES FROM (%L) TO (%L)',
							part, parent_name, month_start, (month_start + interval '1 month')::date);
						created := true; skipped_reason := NULL;
					END IF;
				END IF;
				RETURN NEXT;
				month_start := (month_start + interval '1 month')::date;
			END LOOP;
		END $$`);
};

export const down: Migration = async ({ context: sql }) => {
	await sql(`DROP FUNCTION ensure_monthly_partitions(regclass, date, date)`);
};
