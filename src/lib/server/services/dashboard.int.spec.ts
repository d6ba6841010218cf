/**
 * The dashboard against the demo data in the test database: a worker's figures are exactly their
 * own (compared with what the table owner, who bypasses row-level security, counts for them), and
 * the coordinator's approvals count is the whole pending queue.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerClient } from '../../../../tests/pg';
import { closeDb } from '../db';
import { runAs } from '../db/context';
import type { UserRole } from '../../shared/enums';
import * as dashboard from './dashboard';

let owner: pg.Client;

async function demoUser(email: string): Promise<{ id: string; role: UserRole }> {
	const { rows } = await owner.query<{ id: string; role: UserRole }>(
		'SELECT id, role FROM users WHERE email = $1',
		[email]
	);
	if (!rows[0]) throw new Error(`the demo seed has no ${email}; run npm run seed -- --demo`);
	return rows[0];
}

async function count(sql: string, params: unknown[]): Promise<number> {
	const { rows } = await owner.query<{ n: number }>(sql, params);
	return rows[0]!.n;
}

beforeAll(async () => {
	owner = await ownerClient();
});
afterAll(async () => {
	await owner.end();
	await closeDb();
});

describe('dashboard service', () => {
	it("counts only the worker's own sessions, events and paperwork", async () => {
		const worker = await demoUser('worker@demo.test');
		const { today, dayStart, dayEnd } = dashboard.period();
		const seen = await runAs({ userId: worker.id, role: worker.role }, () =>
			dashboard.forViewer(worker)
		);
		if (seen.kind !== 'frontline') throw new Error(`expected a frontline dashboard: ${seen.kind}`);

		const own = await count(
			'SELECT count(*)::int AS n FROM session_logs WHERE staff_id = $1 AND session_date = $2',
			[worker.id, today]
		);
		const everyone = await count(
			'SELECT count(*)::int AS n FROM session_logs WHERE session_date = $1',
			[today]
		);
		expect(seen.sessionsToday).toHaveLength(own);
		// Meaningful only while others worked today too, which the demo seed arranges.
		expect(everyone).toBeGreaterThan(own);

		expect(seen.eventsToday).toHaveLength(
			await count(
				`SELECT count(*)::int AS n FROM calendar_events WHERE staff_id = $1
				AND start_datetime < $3 AND end_datetime > $2 AND status <> 'cancelled'`,
				[worker.id, dayStart, dayEnd]
			)
		);
		expect(seen.pendingCount).toBe(
			await count(
				`SELECT count(*)::int AS n FROM session_logs WHERE staff_id = $1 AND status = 'pending'`,
				[worker.id]
			)
		);
		expect(seen.rejectedCount).toBe(
			await count(
				`SELECT count(*)::int AS n FROM session_logs WHERE staff_id = $1 AND status = 'rejected'`,
				[worker.id]
			)
		);
		expect(seen.unreadNotifications).toBe(
			await count(
				'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND NOT is_read',
				[worker.id]
			)
		);
		expect(seen.pendingSessions.length).toBeLessThanOrEqual(5);
		expect(seen.pendingSessions.every((s) => s.status === 'pending')).toBe(true);
		// Every rejected session to fix (up to ten), each with the coordinator's reason.
		expect(seen.rejectedSessions).toHaveLength(Math.min(10, seen.rejectedCount));
		expect(seen.rejectedSessions.every((s) => s.status === 'rejected' && s.rejectionReason)).toBe(
			true
		);
		// Nothing organisation-wide reaches a frontline dashboard.
		expect(seen).not.toHaveProperty('invoicesByStatus');
		expect(seen).not.toHaveProperty('pendingApprovals');
	});

	it("puts the whole pending queue on the coordinator's dashboard, oldest first", async () => {
		const coordinator = await demoUser('coordinator@demo.test');
		const seen = await runAs({ userId: coordinator.id, role: coordinator.role }, () =>
			dashboard.forViewer(coordinator)
		);
		if (seen.kind !== 'coordinator') throw new Error(`expected coordinator: ${seen.kind}`);
		expect(seen.pendingApprovals).toBe(
			await count(`SELECT count(*)::int AS n FROM session_logs WHERE status = 'pending'`, [])
		);
		expect(seen.oldestPending).toHaveLength(Math.min(5, seen.pendingApprovals));
		const dates = seen.oldestPending.map((s) => s.sessionDate);
		expect(dates).toEqual([...dates].sort());
		expect(seen.plansEnding.every((p) => p.daysLeft >= 0 && p.daysLeft <= 60)).toBe(true);
		expect(seen.documentsDue.every((d) => ['expiring_soon', 'expired'].includes(d.status))).toBe(
			true
		);
	});

	it("gives the administrator money as decimal strings and the month's sessions by status", async () => {
		const admin = await demoUser('admin@demo.test');
		const seen = await runAs({ userId: admin.id, role: admin.role }, () =>
			dashboard.forViewer(admin)
		);
		if (seen.kind !== 'admin') throw new Error(`expected admin: ${seen.kind}`);
		const money = /^\d+\.\d{2}$/;
		expect(seen.overdueAmount).toMatch(money);
		expect(seen.budget.total).toMatch(money);
		expect(seen.hoursDelivered).toMatch(money);
		expect(seen.invoicesByStatus.every((i) => money.test(i.total))).toBe(true);
		expect(seen.activeParticipants).toBe(
			await count(`SELECT count(*)::int AS n FROM participants WHERE status = 'active'`, [])
		);
		const { monthStart, monthEnd } = dashboard.period();
		const pending = await count(
			`SELECT count(*)::int AS n FROM session_logs
			WHERE status = 'pending' AND session_date BETWEEN $1 AND $2`,
			[monthStart, monthEnd]
		);
		expect(seen.sessionsByStatus.pending).toBe(pending);
	});
});
