/**
 * Enum types with exactly the spec's values, and the trigger function that keeps updated_at
 * right whatever client writes the row (the app, a job, a psql session).
 */
import type { Migration } from '../src/lib/server/db/migrator';

export const ENUMS: Record<string, readonly string[]> = {
	user_role: ['super_admin', 'support_worker', 'support_coordinator', 'allied_health'],
	participant_status: ['active', 'inactive', 'pending'],
	staff_status: ['active', 'inactive', 'on_leave'],
	item_code_status: ['active', 'inactive', 'deprecated'],
	participant_mood: ['excellent', 'good', 'neutral', 'challenging', 'difficult'],
	session_status: ['pending', 'approved', 'rejected'],
	invoice_status: ['draft', 'sent', 'paid', 'overdue'],
	document_type: ['ndis_plan', 'assessment', 'report', 'certificate', 'photo', 'other'],
	document_status: ['current', 'expired', 'expiring_soon'],
	goal_status: ['not_started', 'in_progress', 'nearly_complete', 'completed'],
	event_type: ['session', 'assessment', 'meeting', 'reminder', 'other'],
	event_status: ['scheduled', 'confirmed', 'completed', 'cancelled'],
	setting_type: ['string', 'number', 'boolean', 'json'],
	notification_type: ['info', 'warning', 'error', 'success']
};

export const up: Migration = async ({ context: sql }) => {
	for (const [name, values] of Object.entries(ENUMS)) {
		const list = values.map((v) => `'${v}'`).join(', ');
		await sql(`CREATE TYPE ${name} AS ENUM (${list})`);
	}
	await sql(`
		CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			NEW.updated_at := now();
			RETURN NEW;
		END $$`);
};

export const down: Migration = async ({ context: sql }) => {
	await sql(`DROP FUNCTION set_updated_at()`);
	for (const name of Object.keys(ENUMS).reverse()) await sql(`DROP TYPE ${name}`);
};
