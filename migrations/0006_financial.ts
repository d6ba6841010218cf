/**
 * Phase 3 of the spec: invoices and their lines. Money is numeric end to end.
 * An invoice line may name the session it bills, with the same composite key as progress notes
 * (see 0005): a session can then be valued at its invoiced amount once invoiced.
 */
import type { Migration } from '../src/lib/server/db/migrator';
import { touchTrigger } from '../src/lib/server/db/migrator';

export const up: Migration = async ({ context: sql }) => {
	await sql(`
		CREATE TABLE invoices (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			invoice_number varchar(50) NOT NULL,
			participant_id uuid NOT NULL REFERENCES participants (id) ON DELETE RESTRICT,
			staff_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
			issue_date date NOT NULL,
			due_date date NOT NULL,
			subtotal numeric(10,2) NOT NULL,
			gst_amount numeric(10,2) NOT NULL,
			total_amount numeric(10,2) NOT NULL,
			status invoice_status DEFAULT 'draft',
			notes text,
			sent_at timestamptz,
			paid_at timestamptz,
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT invoices_invoice_number_key UNIQUE (invoice_number),
			CONSTRAINT invoices_due_after_issue CHECK (due_date >= issue_date),
			CONSTRAINT invoices_amounts_not_negative CHECK (subtotal >= 0 AND gst_amount >= 0),
			CONSTRAINT invoices_total_adds_up CHECK (total_amount = subtotal + gst_amount)
		)`);
	await sql(`CREATE INDEX invoices_participant_id_idx ON invoices (participant_id)`);
	await sql(`CREATE INDEX invoices_staff_id_idx ON invoices (staff_id)`);
	await sql(`CREATE INDEX invoices_status_idx ON invoices (status)`);
	await sql(`CREATE INDEX invoices_issue_date_idx ON invoices (issue_date)`);
	// Hot paths: a participant's invoices by date; the overdue job and finance's ageing view.
	await sql(`CREATE INDEX invoices_participant_issue_idx ON invoices (participant_id, issue_date)`);
	await sql(`CREATE INDEX invoices_status_due_idx ON invoices (status, due_date)`);
	await sql(
		`CREATE INDEX invoices_unpaid_idx ON invoices (due_date) WHERE status IN ('sent', 'overdue')`
	);
	await touchTrigger(sql, 'invoices');

	await sql(`
		CREATE TABLE invoice_items (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
			ndis_item_code_id uuid NOT NULL REFERENCES ndis_item_codes (id) ON DELETE RESTRICT,
			session_log_id uuid,
			session_log_date date,
			quantity numeric(6,2) NOT NULL,
			rate numeric(8,2) NOT NULL,
			amount numeric(10,2) NOT NULL,
			description text,
			created_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT invoice_items_session_log_fkey FOREIGN KEY (session_log_id, session_log_date)
				REFERENCES session_logs (id, session_date) ON UPDATE CASCADE ON DELETE RESTRICT,
			CONSTRAINT invoice_items_session_log_pair CHECK ((session_log_id IS NULL) = (session_log_date IS NULL)),
			CONSTRAINT invoice_items_quantity_positive CHECK (quantity > 0),
			CONSTRAINT invoice_items_rate_not_negative CHECK (rate >= 0)
		)`);
	await sql(`CREATE INDEX invoice_items_invoice_id_idx ON invoice_items (invoice_id)`);
	await sql(
		`CREATE INDEX invoice_items_ndis_item_code_id_idx ON invoice_items (ndis_item_code_id)`
	);
	await sql(
		`CREATE INDEX invoice_items_session_log_idx ON invoice_items (session_log_id, session_log_date)`
	);
};

export const down: Migration = async ({ context: sql }) => {
	await sql(`DROP TABLE invoice_items`);
	await sql(`DROP TABLE invoices`);
};
