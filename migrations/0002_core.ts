/**
 * Phase 1 of the spec: people, plans, the price list and settings, plus the two tables the rest
 * of the system needs: auth_sessions (sign-in) and participant_staff (who works with whom).
 *
 * ON DELETE is chosen per reference. People and participants are deactivated, never deleted,
 * so anything that is part of the care or billing record RESTRICTs; things that belong to an
 * account and mean nothing without it (settings, sessions, notifications, the staff profile)
 * CASCADE.
 */
import type { Migration } from '../src/lib/server/db/migrator';
import { touchTrigger } from '../src/lib/server/db/migrator';

export const up: Migration = async ({ context: sql }) => {
	await sql(`
		CREATE TABLE users (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			email varchar(255) NOT NULL,
			password_hash varchar(255) NOT NULL,
			name varchar(255) NOT NULL,
			role user_role NOT NULL,
			phone varchar(20),
			avatar_url varchar(500),
			is_active boolean NOT NULL DEFAULT true,
			last_login timestamptz,
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT users_email_key UNIQUE (email),
			CONSTRAINT users_email_lowercase CHECK (email = lower(email))
		)`);
	await sql(`CREATE INDEX users_role_idx ON users (role)`);
	await sql(`CREATE INDEX users_is_active_idx ON users (is_active)`);
	await touchTrigger(sql, 'users');

	await sql(`
		CREATE TABLE participants (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			ndis_number varchar(20) NOT NULL,
			name varchar(255) NOT NULL,
			email varchar(255),
			phone varchar(20),
			address text,
			date_of_birth date,
			emergency_contact_name varchar(255),
			emergency_contact_phone varchar(20),
			primary_disability varchar(255),
			plan_start_date date,
			plan_end_date date,
			plan_manager varchar(100),
			total_budget numeric(10,2),
			used_budget numeric(10,2) DEFAULT 0.00,
			support_needs text,
			goals text,
			medical_info text,
			notes text,
			status participant_status DEFAULT 'active',
			created_by uuid REFERENCES users (id) ON DELETE RESTRICT,
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT participants_ndis_number_key UNIQUE (ndis_number),
			CONSTRAINT participants_plan_dates CHECK (plan_end_date IS NULL OR plan_start_date IS NULL OR plan_end_date > plan_start_date),
			CONSTRAINT participants_budget_not_negative CHECK (total_budget IS NULL OR total_budget >= 0),
			CONSTRAINT participants_used_budget_not_negative CHECK (used_budget IS NULL OR used_budget >= 0)
		)`);
	await sql(`CREATE INDEX participants_status_idx ON participants (status)`);
	await sql(`CREATE INDEX participants_plan_end_date_idx ON participants (plan_end_date)`);
	await sql(`CREATE INDEX participants_created_by_idx ON participants (created_by)`);
	// Name search on the participant list and the global search.
	await sql(
		`CREATE INDEX participants_name_lower_idx ON participants (lower(name) text_pattern_ops)`
	);
	await touchTrigger(sql, 'participants');

	await sql(`
		CREATE TABLE staff_members (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			user_id uuid REFERENCES users (id) ON DELETE CASCADE,
			specialization varchar(255),
			hourly_rate numeric(8,2) NOT NULL,
			start_date date NOT NULL,
			certifications text,
			status staff_status DEFAULT 'active',
			assigned_participants_count integer DEFAULT 0,
			total_hours numeric(8,2) DEFAULT 0.00,
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT staff_members_user_id_key UNIQUE (user_id),
			CONSTRAINT staff_members_hourly_rate_not_negative CHECK (hourly_rate >= 0)
		)`);
	await sql(`CREATE INDEX staff_members_status_idx ON staff_members (status)`);
	await sql(`CREATE INDEX staff_members_specialization_idx ON staff_members (specialization)`);
	await touchTrigger(sql, 'staff_members');

	// Who works with whom. Row-level security for workers is built on this table.
	await sql(`
		CREATE TABLE participant_staff (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			participant_id uuid NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
			user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
			assigned_by uuid REFERENCES users (id) ON DELETE SET NULL,
			created_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT participant_staff_pair_key UNIQUE (participant_id, user_id)
		)`);
	await sql(`CREATE INDEX participant_staff_user_id_idx ON participant_staff (user_id)`);
	await sql(`CREATE INDEX participant_staff_assigned_by_idx ON participant_staff (assigned_by)`);

	await sql(`
		CREATE TABLE auth_sessions (
			id varchar(64) PRIMARY KEY,
			user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
			expires_at timestamptz NOT NULL,
			last_seen_at timestamptz NOT NULL DEFAULT now(),
			ip_address varchar(45),
			user_agent text,
			created_at timestamptz NOT NULL DEFAULT now()
		)`);
	await sql(`CREATE INDEX auth_sessions_user_id_idx ON auth_sessions (user_id)`);
	await sql(`CREATE INDEX auth_sessions_expires_at_idx ON auth_sessions (expires_at)`);

	// The current price of each support item. Catalogue columns beyond the spec are kept so a
	// coordinator can see why an item needs a quote or which registration group it belongs to.
	await sql(`
		CREATE TABLE ndis_item_codes (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			code varchar(50) NOT NULL,
			description text NOT NULL,
			category varchar(100) NOT NULL,
			unit_type varchar(50) NOT NULL,
			price numeric(8,2) NOT NULL,
			gst_applicable boolean DEFAULT false,
			effective_date date NOT NULL,
			status item_code_status DEFAULT 'active',
			support_category_number smallint,
			support_category_name varchar(255),
			registration_group_number varchar(10),
			registration_group_name varchar(255),
			quote_required boolean NOT NULL DEFAULT false,
			end_date date,
			remote_price numeric(8,2),
			very_remote_price numeric(8,2),
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT ndis_item_codes_code_key UNIQUE (code),
			CONSTRAINT ndis_item_codes_price_not_negative CHECK (price >= 0)
		)`);
	await sql(`CREATE INDEX ndis_item_codes_category_idx ON ndis_item_codes (category)`);
	await sql(`CREATE INDEX ndis_item_codes_status_idx ON ndis_item_codes (status)`);
	await sql(`CREATE INDEX ndis_item_codes_effective_date_idx ON ndis_item_codes (effective_date)`);
	await sql(
		`CREATE INDEX ndis_item_codes_search_idx ON ndis_item_codes USING gin (to_tsvector('simple', code || ' ' || description))`
	);
	await touchTrigger(sql, 'ndis_item_codes');

	// Price history: one row per item and effective date, so a session on an old date is
	// valued at the price in force on that date.
	await sql(`
		CREATE TABLE ndis_item_code_prices (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			ndis_item_code_id uuid NOT NULL REFERENCES ndis_item_codes (id) ON DELETE CASCADE,
			effective_date date NOT NULL,
			end_date date,
			price numeric(8,2) NOT NULL,
			remote_price numeric(8,2),
			very_remote_price numeric(8,2),
			source varchar(255),
			created_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT ndis_item_code_prices_item_date_key UNIQUE (ndis_item_code_id, effective_date),
			CONSTRAINT ndis_item_code_prices_price_not_negative CHECK (price >= 0)
		)`);

	await sql(`
		CREATE TABLE system_settings (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			setting_key varchar(100) NOT NULL,
			setting_value text,
			setting_type setting_type DEFAULT 'string',
			description text,
			is_editable boolean DEFAULT true,
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT system_settings_setting_key_key UNIQUE (setting_key)
		)`);
	await touchTrigger(sql, 'system_settings');

	await sql(`
		CREATE TABLE user_settings (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
			setting_key varchar(100) NOT NULL,
			setting_value text,
			created_at timestamptz NOT NULL DEFAULT now(),
			updated_at timestamptz NOT NULL DEFAULT now(),
			CONSTRAINT user_settings_user_id_setting_key_key UNIQUE (user_id, setting_key)
		)`);
	await sql(`CREATE INDEX user_settings_user_id_idx ON user_settings (user_id)`);
	await touchTrigger(sql, 'user_settings');

	await sql(`
		CREATE TABLE notifications (
			id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
			user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
			type notification_type,
			title varchar(255) NOT NULL,
			message text,
			is_read boolean DEFAULT false,
			read_at timestamptz,
			related_table varchar(100),
			related_id uuid,
			created_at timestamptz NOT NULL DEFAULT now()
		)`);
	await sql(`CREATE INDEX notifications_user_id_idx ON notifications (user_id)`);
	await sql(`CREATE INDEX notifications_is_read_idx ON notifications (is_read)`);
	await sql(`CREATE INDEX notifications_type_idx ON notifications (type)`);
	await sql(`CREATE INDEX notifications_created_at_idx ON notifications (created_at)`);
	// The bell: a user's unread notifications, newest first.
	await sql(
		`CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at DESC) WHERE is_read = false`
	);
};

export const down: Migration = async ({ context: sql }) => {
	for (const table of [
		'notifications',
		'user_settings',
		'system_settings',
		'ndis_item_code_prices',
		'ndis_item_codes',
		'auth_sessions',
		'participant_staff',
		'staff_members',
		'participants',
		'users'
	]) {
		await sql(`DROP TABLE ${table}`);
	}
};
