/**
 * The months of each plan before the last three: approved sessions that carry the spending a plan
 * has had, so /budgets and the walls show what a manager would believe. Each active participant
 * gets a spending profile (mostly on track; some too fast, some underspent, a couple nearly used up
 * and one used up), history at the pace the profile wants, and then a total budget set from what
 * the budget job computes from those sessions, so the nightly recompute gives the same picture.
 *
 * Like sessions.ts, everything is keyed by days before today, so a re-run on another day moves
 * the same rows instead of adding new ones; workers are never in two places at once.
 */
import { recomputeBatch } from '../../budgets/recompute';
import { providerToday, readProviderSettings } from '../../provider';
import { pgSql } from '../../sql';
import { upsertMovable } from '../db';
import { seedUuid } from '../ids';
import { createRandom } from '../random';
import { addDays, clock, daysBetween, sydneyInstant } from '../dates';
import { fromCents } from '../money';
import { THERAPY_SERVICES, WORKER_SERVICES, fill } from './text';
import { SESSION_DAYS_BACK } from './sessions';
import type { Assignments } from './assignments';
import type { DemoContext, DemoParticipant, DemoSession, DemoStaff } from './context';

export type SpendingProfile = 'on_track' | 'too_fast' | 'underspent' | 'nearly_used_up' | 'used_up';

/** Earlier spending per day, as a share of the last three months' (the profile's pace). */
const PACE: Record<SpendingProfile, number> = {
	on_track: 1,
	too_fast: 0.7,
	underspent: 0.3,
	nearly_used_up: 1.4,
	used_up: 1.3
};

const PATTERN: SpendingProfile[] = [
	'on_track',
	'too_fast',
	'underspent',
	'on_track',
	'nearly_used_up',
	'on_track',
	'too_fast',
	'underspent',
	'on_track',
	'used_up',
	'on_track',
	'nearly_used_up'
];

/** A few of each kind at most: most plans are on track. */
const AT_MOST: Record<SpendingProfile, number> = {
	on_track: Infinity,
	too_fast: 5,
	underspent: 4,
	nearly_used_up: 2,
	used_up: 1
};

function elapsedShare(p: DemoParticipant, today: string): number {
	return (daysBetween(p.planStart, today) + 1) / (daysBetween(p.planStart, p.planEnd) + 1);
}

/** Whether a profile can show on this plan (underspending is judged from halfway or near the end). */
function fits(profile: SpendingProfile, p: DemoParticipant, today: string): boolean {
	const e = elapsedShare(p, today);
	const left = daysBetween(today, p.planEnd);
	switch (profile) {
		case 'underspent':
			return e >= 0.55 || left <= 90;
		case 'nearly_used_up':
			return e >= 0.4 && e <= 0.78;
		case 'used_up':
			return e >= 0.5 && e <= 0.85;
		case 'too_fast':
			return e <= 0.7 && left > 90;
		default:
			return true;
	}
}

/** Each active participant's profile, in index order along the pattern (on track when it cannot fit). */
export function spendingProfiles(ctx: DemoContext, participants: DemoParticipant[]) {
	const profiles = new Map<string, SpendingProfile>();
	const taken = new Map<SpendingProfile, number>();
	participants
		.filter((p) => p.status === 'active')
		.forEach((p, i) => {
			const wanted = PATTERN[i % PATTERN.length] ?? 'on_track';
			const room = (taken.get(wanted) ?? 0) < AT_MOST[wanted];
			const profile = room && fits(wanted, p, ctx.today) ? wanted : 'on_track';
			taken.set(profile, (taken.get(profile) ?? 0) + 1);
			profiles.set(p.id, profile);
		});
	return profiles;
}

/** Approved sessions from the plan's start (at most a year back) to the day before sessions.ts begins. */
export function planHistory(
	ctx: DemoContext,
	staff: DemoStaff[],
	assignments: Assignments,
	participants: DemoParticipant[],
	recent: DemoSession[]
) {
	const profiles = spendingProfiles(ctx, participants);
	const approver = staff.find((s) => s.email === 'coordinator@demo.test');
	const deliverers = staff.filter(
		(s) => (s.role === 'support_worker' || s.role === 'allied_health') && s.status !== 'inactive'
	);
	const staffOf = new Map<string, DemoStaff[]>();
	for (const member of deliverers) {
		for (const p of assignments.get(member.userId) ?? []) {
			staffOf.set(p.id, [...(staffOf.get(p.id) ?? []), member]);
		}
	}
	// Where each worker's day has got to, so history never double-books anyone.
	const cursor = new Map<string, number>();
	const windowStart = addDays(ctx.today, -(SESSION_DAYS_BACK - 1));
	const rows: Record<string, unknown>[] = [];

	for (const p of participants) {
		const profile = profiles.get(p.id);
		const team = staffOf.get(p.id) ?? [];
		if (!profile || team.length === 0 || !approver) continue;
		// The last three months' approved spending a day, in cents: the pace history follows.
		const recentCents = recent
			.filter((s) => s.participant.id === p.id && s.status === 'approved' && s.date >= windowStart)
			.reduce((sum, s) => sum + (s.durationHundredths * s.priceCents) / 100, 0);
		const perDay = (recentCents / SESSION_DAYS_BACK) * PACE[profile];
		if (perDay <= 0) continue;
		const rng = createRandom(`demo:history:${p.index}`);
		const first = Math.min(daysBetween(p.planStart, ctx.today), 365);
		let owed = 0;
		for (let daysAgo = first; daysAgo > SESSION_DAYS_BACK; daysAgo--) {
			owed += perDay;
			const member = team[daysAgo % team.length]!;
			const service = THERAPY_SERVICES[member.specialization ?? ''] ?? rng.pick(WORKER_SERVICES);
			const item = ctx.items[service.item];
			const hundredths = member.role === 'allied_health' ? 100 : rng.int(2, 6) * 50;
			const cents = (hundredths * item.priceCents) / 100;
			if (owed < cents) continue;
			const date = addDays(ctx.today, -daysAgo);
			const key = `${member.userId}:${daysAgo}`;
			const start = cursor.get(key) ?? 9 * 60;
			const end = start + (hundredths * 60) / 100;
			if (end > 20 * 60) continue;
			cursor.set(key, end + 30);
			owed -= cents;
			rows.push({
				id: seedUuid(`history:${p.index}:${daysAgo}`),
				participant_id: p.id,
				staff_id: member.userId,
				ndis_item_code_id: item.id,
				service_type: service.serviceType,
				session_date: date,
				start_time: clock(start),
				end_time: clock(end),
				duration_hours: fromCents(hundredths),
				travel_kilometers: fromCents(rng.int(0, 1500)),
				notes: fill(rng.pick(service.notes), p.first),
				outcomes: fill(rng.pick(service.outcomes), p.first),
				next_steps: fill(rng.pick(service.nextSteps), p.first),
				participant_mood: rng.pick(['good', 'good', 'excellent', 'neutral']),
				status: 'approved',
				approved_by: approver.userId,
				approved_at: sydneyInstant(addDays(date, rng.int(1, 3)), rng.int(9 * 60, 16 * 60)),
				created_at: new Date(Date.parse(sydneyInstant(date, end + 45))).toISOString()
			});
		}
	}
	return { rows, profiles };
}

export async function seedHistory(
	ctx: DemoContext,
	staff: DemoStaff[],
	assignments: Assignments,
	participants: DemoParticipant[],
	recent: DemoSession[]
) {
	const { rows, profiles } = planHistory(ctx, staff, assignments, participants, recent);
	// What an earlier run wrote and this one does not (a plan's profile or dates changed) goes
	// first, so no one is booked twice: the demo participants' sessions before sessions.ts's
	// three months are all history's.
	await ctx.db.query(
		`DELETE FROM session_logs s WHERE s.participant_id = ANY($1::uuid[]) AND s.session_date < $2::date
			AND NOT (s.id = ANY($3::uuid[]))
			AND NOT EXISTS (SELECT 1 FROM invoice_items ii WHERE ii.session_log_id = s.id)`,
		[participants.map((p) => p.id), addDays(ctx.today, -SESSION_DAYS_BACK), rows.map((r) => r.id)]
	);
	await upsertMovable(ctx.db, 'session_logs', rows);
	return { sessions: rows.length, profiles };
}

type Stats = {
	id: string;
	used: string;
	burn: string | null;
	days_left: number;
};

/**
 * Sets each profiled participant's total budget from what the budget job computes from their
 * sessions, so that its rules give the profile: on track spends about 92% by the plan's end,
 * too fast runs out at 60% of the time left, underspent has used about a third of its time's
 * share, nearly used up 88% and used up 103%. Budgets are whole tens of dollars.
 */
export async function settleBudgets(ctx: DemoContext, profiles: Map<string, SpendingProfile>) {
	const sql = pgSql(ctx.db);
	const settings = await readProviderSettings(sql);
	const rules = { ...settings, today: providerToday(settings, ctx.now) };
	const ids = [...profiles.keys()].sort();
	if (ids.length === 0) return;
	await recomputeBatch(sql, ids, rules);
	const { rows } = await ctx.db.query<Stats & { elapsed: string }>(
		`SELECT p.id::text AS id, s.used_budget::text AS used, s.burn_rate_per_day::text AS burn,
			s.plan_elapsed_percent::text AS elapsed, (p.plan_end_date - $2::date) AS days_left
		FROM participants p JOIN participant_budget_stats s ON s.participant_id = p.id
		WHERE p.id = ANY($1::uuid[])`,
		[ids, rules.today]
	);
	const tens = (dollars: number) => `${Math.max(10, Math.round(dollars / 10)) * 10}.00`;
	for (const r of rows) {
		const used = Number(r.used);
		const burn = Number(r.burn ?? 0);
		const e = Number(r.elapsed) / 100;
		if (used <= 0 || burn <= 0) continue;
		const projected = used + burn * r.days_left;
		const total = {
			on_track: projected / 0.92,
			too_fast: used + burn * r.days_left * 0.6,
			underspent: used / Math.max(0.05, e * 0.35),
			nearly_used_up: used / 0.88,
			used_up: used / 1.03
		}[profiles.get(r.id) ?? 'on_track'];
		await ctx.db.query('UPDATE participants SET total_budget = $2 WHERE id = $1', [
			r.id,
			tens(total)
		]);
	}
}
