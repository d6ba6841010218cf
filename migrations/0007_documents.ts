/**
 * Phase 4 of the spec: documents, partitioned by type (LIST), as the spec's partitioning section
 * asks: plans, assessments and certificates have different sizes, lifetimes and retention, and
 * each type's partition can be stored, vacuumed or archived on its own. A DEFAULT partition takes
 * any type added to the enum later, so no insert is refused.
 *
 * The primary key is (id, type) because unique constraints on a partitioned table must include
 * the partition key. Nothing references documents by foreign key, and ids are random UUIDs.
 *
 * Search over name and tags uses a stored tsvector with a GIN index (English stemming, so
 * "assessments" finds "Assessment").
 */
import type { Migration } from '../src/lib/server/db/migrator';
import { touchTrigger } from '../src/lib/server/db/migrator';
import { ENUMS } from './0001_foundations';

export const up: Migration = async ({ context: sql }) => {
	await sql(`
		CREATE FUNCTION document_search_vector(doc_name text, doc_tags jsonb) RETURNS tsvector
		LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
			SELECT setweight(to_tsvector('english'::regconfig, coalesce(doc_name, '')), 'A') ||
				setweight(to_tsvector('english'::regconfig, coalesce(
					(SELECT string_agg(t, ' ') FROM jsonb_array_elements_text(
						CASE WHEN jsonb_typeof(doc_tags) = 'array' THEN doc_tags ELSE '[]'::jsonb END) AS t),
					'')), 'B')
		$$`);
	await sql(`
		CREATE TABLE documents (
			id uuid NOT NULL DEFAULT gen_random_uuid(),
			name varchar(255) NOT NULL,
			type document_type NOT NULL,
			participant_id uuid REFERENCES participants (id) ON DELETE RESTRICT,
			uploaded_by uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
			file_path varchar(500) NOT NULL,
			file_size bigint NOT NULL,
			mime_type varchar(100),
			sha256 char(64),
			upload_date timestamptz DEFAULT now(),
			expiry_date date,
			status document_status DEFAULT 'current',
			tags jsonb,
			search_vector tsvector GENERATED ALWAYS AS (document_search_vector(name, tags)) STORED,
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			PRIMARY KEY (id, type),
			CONSTRAINT documents_file_size_not_negative CHECK (file_size >= 0),
			CONSTRAINT documents_tags_array CHECK (tags IS NULL OR jsonb_typeof(tags) = 'array')
		) PARTITION BY LIST (type)`);
	for (const type of ENUMS.document_type ?? []) {
		await sql(`CREATE TABLE documents_${type} PARTITION OF documents FOR VALUES IN ('${type}')`);
	}
	await sql(`CREATE TABLE documents_default PARTITION OF documents DEFAULT`);
	await sql(`CREATE INDEX documents_participant_id_idx ON documents (participant_id)`);
	await sql(`CREATE INDEX documents_type_idx ON documents (type)`);
	await sql(`CREATE INDEX documents_status_idx ON documents (status)`);
	await sql(`CREATE INDEX documents_expiry_date_idx ON documents (expiry_date)`);
	await sql(`CREATE INDEX documents_uploaded_by_idx ON documents (uploaded_by)`);
	await sql(`CREATE INDEX documents_search_idx ON documents USING gin (search_vector)`);
	// Documents that need attention (the expiry job and the coordinator's dashboard).
	await sql(
		`CREATE INDEX documents_not_current_idx ON documents (expiry_date) WHERE status <> 'current'`
	);
	await sql(
		`CREATE INDEX documents_expiring_idx ON documents (expiry_date) WHERE expiry_date IS NOT NULL`
	);
	await touchTrigger(sql, 'documents');
};

export const down: Migration = async ({ context: sql }) => {
	await sql(`DROP TABLE documents`);
	await sql(`DROP FUNCTION document_search_vector(text, jsonb)`);
};
