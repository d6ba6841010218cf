/**
 * Every figure on the home dashboard links to the list behind it: following the link with the
 * filters the list page accepts shows as many rows as the figure counts, for each role, against
 * the demo data. The documents figures also agree with /budgets and the wall displays.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerClient } from '../../../../tests/pg';
import { scopeOf, type Resource } from '../auth/permissions';
import { dashboard as budgetDashboard, dashboardFilters, figuresFor } from '../budgets/dashboard';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM } from '../db/context';
import * as documents from '../documents/service';
import { txSql } from '../sql';
import { budgetWall } from '../wall/figures';
import { DEFAULT_TIME_ZONE } from '../time';
import type { UserRole } from '../../shared/enums';
import * as dashboard from './dashboard';
import * as participants from './participants';
import * as sessions from './session-logs';
import * as staff from './staff';
import * as users from './users';

type Viewer = { id: string; role: UserRole };
let owner: pg.Client;

async function demoUser(email: string): Promise<Viewer> {
	const { rows } = await owner.query<Viewer>('SELECT id, role FROM users WHERE email = $1', [
		email
	]);
	if (!rows[0]) throw new Error(`the demo seed has no ${email}; run npm run seed -- --demo`);
	return rows[0];
}

function scope(viewer: Viewer, resource: Resource) {
	const s = scopeOf(viewer.role, resource, 'read');
	if (!s) throw new Error(`${viewer.role} may not read ${resource}`);
	return s;
}

/** The link's path and its query as the list page reads it. */
function follow(href: string) {
	const url = new URL(href, 'http://dashboard.test');
	return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
}

/** How many sessions /sessions lists for the link, read as its load does ('any': no status). */
async function sessionsBehind(href: string, viewer: Viewer): Promise<number> {
	const { path, query } = follow(href);
	expect(path).toBe('/sessions');
	if (query.status === 'any') delete query.status;
	const filters = sessions.sessionFilters.parse(query);
	const list = await sessions.list(filters, { ...viewer, scope: scope(viewer, 'session-logs') });
	return list.total;
}

async function documentsBehind(href: string, viewer: Viewer): Promise<number> {
	const { path, query } = follow(href);
	expect(path).toBe('/documents');
	const filters = documents.documentFilters.parse(query);
	return (await documents.list(filters, { id: viewer.id, scope: scope(viewer, 'documents') }))
		.total;
}

async function participantsBehind(href: string, viewer: Viewer): Promise<number> {
	const { path, query } = follow(href);
	expect(path).toBe('/participants');
	const filters = participants.participantFilters.parse(query);
	return (await participants.list(filters, { id: viewer.id, scope: scope(viewer, 'participants') }))
		.total;
}

const as = <T>(viewer: Viewer, fn: () => Promise<T>) =>
	runAs({ userId: viewer.id, role: viewer.role }, fn);

beforeAll(async () => {
	owner = await ownerClient();
});
afterAll(async () => {
	await owner.end();
	await closeDb();
});

describe('the dashboard links to the lists behind its figures', () => {
	it("a worker's figures open their own sessions, filtered the same way", async () => {
		const worker = await demoUser('worker@demo.test');
		const seen = await as(worker, () => dashboard.forViewer(worker));
		if (seen.kind !== 'frontline') throw new Error(`expected frontline: ${seen.kind}`);
		expect(seen.links.logSession).toBe('/sessions/new');
		await as(worker, async () => {
			expect(await sessionsBehind(seen.links.pending, worker)).toBe(seen.pendingCount);
			expect(await sessionsBehind(seen.links.rejected, worker)).toBe(seen.rejectedCount);
			expect(await sessionsBehind(seen.links.sessionsToday, worker)).toBe(
				seen.sessionsToday.length
			);
		});
		// The demo worker has sessions sent back to fix, so the list is not trivially empty.
		expect(seen.rejectedCount).toBeGreaterThan(0);
		expect(follow(seen.links.roster)).toEqual({ path: '/calendar', query: { date: seen.today } });
		expect(follow(seen.links.notifications).query).toEqual({ show: 'unread' });
	});

	it("a coordinator's figures open the approval queue, the plans ending and the documents", async () => {
		const coordinator = await demoUser('coordinator@demo.test');
		const seen = await as(coordinator, () => dashboard.forViewer(coordinator));
		if (seen.kind !== 'coordinator') throw new Error(`expected coordinator: ${seen.kind}`);
		await as(coordinator, async () => {
			expect(await sessionsBehind(seen.links.pending, coordinator)).toBe(seen.pendingApprovals);
			expect(await participantsBehind(seen.links.plansEnding, coordinator)).toBe(
				seen.plansEndingCount
			);
			expect(await documentsBehind(seen.links.documentsExpiringSoon, coordinator)).toBe(
				seen.documentsExpiringSoon
			);
			expect(await documentsBehind(seen.links.documentsExpired, coordinator)).toBe(
				seen.documentsExpired
			);
		});
		expect(seen.plansEndingCount).toBeGreaterThan(0);
		expect(seen.documentsExpiringSoon + seen.documentsExpired).toBeGreaterThan(0);
	});

	it('the documents figures are the same on the dashboard, /budgets and the wall', async () => {
		const coordinator = await demoUser('coordinator@demo.test');
		const seen = await as(coordinator, () => dashboard.forViewer(coordinator));
		if (seen.kind !== 'coordinator') throw new Error(`expected coordinator: ${seen.kind}`);
		const budgets = await as(coordinator, () => budgetDashboard(dashboardFilters.parse({})));
		const wall = await runAs(SYSTEM, () =>
			tx(async (t) => budgetWall(txSql(t), DEFAULT_TIME_ZONE))
		);
		const dashboardCounts = {
			expiringSoon: seen.documentsExpiringSoon,
			expired: seen.documentsExpired
		};
		expect({
			expiringSoon: budgets.documents.expiringSoon,
			expired: budgets.documents.expired
		}).toEqual(dashboardCounts);
		expect(wall.documents).toEqual(dashboardCounts);
		expect(budgets.documents.soonest.every((d) => d.daysLeft >= 0)).toBe(true);
	});

	it("an administrator's figures open participants, staff, the month's sessions and locked accounts", async () => {
		const admin = await demoUser('admin@demo.test');
		const seen = await as(admin, () => dashboard.forViewer(admin));
		if (seen.kind !== 'admin') throw new Error(`expected admin: ${seen.kind}`);
		await as(admin, async () => {
			expect(await participantsBehind(seen.links.participants, admin)).toBe(
				seen.activeParticipants
			);
			const staffLink = follow(seen.links.staff);
			expect(staffLink.path).toBe('/staff');
			expect((await staff.list(staff.staffFilters.parse(staffLink.query), admin)).total).toBe(
				seen.activeStaff
			);
			for (const status of ['pending', 'approved', 'rejected'] as const) {
				expect(await sessionsBehind(seen.links.sessionsByStatus[status], admin)).toBe(
					seen.sessionsByStatus[status]
				);
			}
			const locked = follow(seen.links.locked);
			expect(locked.path).toBe('/admin/users');
			expect((await users.list(users.userFilters.parse(locked.query))).total).toBe(
				seen.lockedAccounts
			);
		});
		expect(follow(seen.links.failedSignIns).query.action).toBe('auth.login_failed');
	});
});

describe("the participant hub's budget verdict", () => {
	it('says what /budgets says: underspent, too fast or nearly used up, and on track', async () => {
		const { rows } = await owner.query<{ id: string; risk: string; used: string }>(
			`SELECT DISTINCT ON (s.risk) p.id::text, s.risk, s.used_percent::text AS used
			FROM participants p JOIN participant_budget_stats s ON s.participant_id = p.id
			WHERE p.status = 'active' AND s.risk IN ('on_track', 'overspending', 'underspending')
			ORDER BY s.risk, p.id`
		);
		const coordinator = await demoUser('coordinator@demo.test');
		const expected: Record<string, string[]> = {
			on_track: ['on_track'],
			overspending: ['too_fast', 'nearly_used_up'],
			underspending: ['underspent']
		};
		expect(rows.map((r) => r.risk).sort()).toEqual(['on_track', 'overspending', 'underspending']);
		for (const row of rows) {
			const figures = await as(coordinator, () => figuresFor(row.id));
			expect(expected[row.risk]).toContain(figures?.verdict.state);
			expect(figures?.verdict.text).toContain('spent with');
		}
	});
});
