/**
 * `npm run seed -- --demo`: a small, believable organisation to click through, with the four
 * contract logins. Deterministic ids and upserts make it idempotent; everything happens in one
 * transaction (files aside, which are rewritten byte-identically), so a failed run changes nothing.
 * Dates are relative to today in Australia/Sydney.
 */
import { config } from '../config';
import { inTransaction, type Db } from './db';
import { sydneyToday } from './dates';
import { loadItemCodes } from './item-codes';
import { insertMissingSettings } from './settings';
import { refreshStaffTotals, refreshUsedBudgets } from './totals';
import type { DemoContext } from './demo-data/context';
import { seedStaff } from './demo-data/staff';
import { seedParticipants } from './demo-data/participants';
import { seedAssignments } from './demo-data/assignments';
import { seedSessions } from './demo-data/sessions';
import { seedHistory, settleBudgets } from './demo-data/history';
import { seedGoals, seedProgressNotes } from './demo-data/care';
import { seedCalendar } from './demo-data/calendar';
import { seedInvoices } from './demo-data/invoices';
import { seedDocuments } from './demo-data/documents';
import { seedNotifications } from './demo-data/notifications';
import { seedPreferences } from './demo-data/preferences';

export { DEMO_LOGINS, DEMO_PASSWORD } from './demo-data/staff';

export interface DemoOptions {
	now?: Date;
	documentsDir?: string;
}

// Demo values for settings an install leaves blank; an administrator's own values are kept.
const DEMO_ORGANISATION = {
	'organisation.abn': '51 824 753 556',
	'organisation.ndis_registration_number': '4050012345'
};

export interface DemoResult {
	/** Rows inserted or updated, per table. */
	counts: Record<string, number>;
	/** The seeded documents, whose files were written under the documents directory. */
	documentIds: string[];
}

export async function seedDemo(db: Db, options: DemoOptions = {}): Promise<DemoResult> {
	const now = options.now ?? new Date();
	return inTransaction(db, async () => {
		// Two seeds at once would interleave their upserts; the second simply waits.
		await db.query(`SELECT pg_advisory_xact_lock(hashtext('ndis-seed'))`);
		const ctx: DemoContext = {
			db,
			now,
			today: sydneyToday(now),
			items: await loadItemCodes(db),
			documentsDir: options.documentsDir ?? config.documentsDir
		};
		const settingsAdded = await insertMissingSettings(db);
		for (const [key, value] of Object.entries(DEMO_ORGANISATION)) {
			await db.query(
				`UPDATE system_settings SET setting_value = $2 WHERE setting_key = $1 AND coalesce(setting_value, '') = ''`,
				[key, value]
			);
		}

		const staff = await seedStaff(ctx);
		const coordinator = staff.find((s) => s.email === 'coordinator@demo.test');
		if (!coordinator) throw new Error('Demo coordinator missing');
		const participants = await seedParticipants(ctx, coordinator.userId);
		const assignments = await seedAssignments(ctx, staff, participants, coordinator.userId);
		const sessions = await seedSessions(ctx, staff, assignments);
		const history = await seedHistory(ctx, staff, assignments, participants, sessions);
		const progressNotes = await seedProgressNotes(ctx, sessions, participants, coordinator);
		const goals = await seedGoals(ctx, participants);
		const events = await seedCalendar(ctx, staff, assignments, participants, coordinator);
		const billing = await seedInvoices(ctx, participants, sessions, coordinator);
		const documents = await seedDocuments(ctx, participants, staff);
		const userSettings = await seedPreferences(ctx, staff);
		const notifications = await seedNotifications(ctx, {
			staff,
			sessions,
			participants,
			documents,
			invoices: billing.invoices
		});

		await refreshStaffTotals(db, {
			where: 'sm.user_id = ANY($1::uuid[])',
			params: [staff.map((s) => s.userId)]
		});
		// Budgets that fit the spending the plans have had (history.ts), then every figure again.
		await settleBudgets(ctx, history.profiles);
		await refreshUsedBudgets(
			db,
			{ where: 'p.id = ANY($1::uuid[])', params: [participants.map((p) => p.id)] },
			now
		);

		const counts = {
			users: staff.length,
			staff_members: staff.length,
			participants: participants.length,
			participant_staff: [...assignments.values()].reduce((n, list) => n + list.length, 0),
			session_logs: sessions.length + history.sessions,
			progress_notes: progressNotes,
			participant_goals: goals,
			calendar_events: events,
			invoices: billing.invoices.length,
			invoice_items: billing.items,
			documents: documents.length,
			notifications,
			user_settings: userSettings,
			system_settings_added: settingsAdded
		};
		return { counts, documentIds: documents.map((d) => d.id) };
	});
}
