/**
 * Three months of session logs, to today. Each worker's day is laid out on one timeline (sessions
 * one after another with travel gaps, an occasional 22:00–07:00 overnight shift after them), so
 * no worker is ever in two places at once. Only assigned staff log sessions, and only inside the
 * participant's plan. Older sessions are mostly approved, the last week is waiting for approval;
 * today has only the sessions that have already ended. Earlier months of each plan are in history.ts.
 *
 * Everything is keyed by days before today, never by calendar date, so a re-run on another day
 * produces the same sessions (same ids) shifted to the new dates.
 */
import { upsertMovable } from '../db';
import { seedUuid } from '../ids';
import { createRandom, type Random } from '../random';
import { addDays, clock, sydneyInstant } from '../dates';
import { fromCents } from '../money';
import { PARTICIPANT_MOODS } from '../../../shared/enums';
import {
	OVERNIGHT_SERVICE,
	REJECTION_REASONS,
	THERAPY_SERVICES,
	WORKER_SERVICES,
	fill
} from './text';
import type { ServiceText } from './text';
import type { Assignments } from './assignments';
import type { DemoContext, DemoParticipant, DemoSession, DemoStaff } from './context';

export const SESSION_DAYS_BACK = 90;
const DAY_END = 21 * 60;
const OVERNIGHT_START = 22 * 60;
const OVERNIGHT_HUNDREDTHS = 900;

function statusFor(daysAgo: number, rng: Random): DemoSession['status'] {
	const roll = rng.next();
	if (daysAgo >= 15) return roll < 0.08 ? 'rejected' : 'approved';
	if (daysAgo >= 8) return roll < 0.5 ? 'approved' : roll < 0.9 ? 'pending' : 'rejected';
	return 'pending';
}

function inPlan(p: DemoParticipant, date: string): boolean {
	return p.status !== 'pending' && p.planStart <= date && date <= p.planEnd;
}

export function planSessions(ctx: DemoContext, staff: DemoStaff[], assignments: Assignments) {
	const sessions: (DemoSession & { row: Record<string, unknown> })[] = [];
	const coordinators = staff.filter((s) => s.role === 'support_coordinator');
	const deliverers = staff.filter(
		(s) => (s.role === 'support_worker' || s.role === 'allied_health') && s.status !== 'inactive'
	);

	for (const member of deliverers) {
		const rng = createRandom(`demo:sessions:${member.key}`);
		const assigned = assignments.get(member.userId) ?? [];
		const isWorker = member.role === 'support_worker';
		for (let daysAgo = SESSION_DAYS_BACK; daysAgo >= 0; daysAgo--) {
			const date = addDays(ctx.today, -daysAgo);
			const eligible = assigned.filter((p) => inPlan(p, date));
			const wanted = rng.int(0, isWorker ? 3 : 2);
			const overnight = isWorker && rng.chance(0.05) && daysAgo >= 2;
			let cursor = 8 * 60 + rng.int(0, 2) * 30;
			let n = 0;
			// On leave for the last fortnight.
			if (member.status === 'on_leave' && daysAgo < 14) continue;

			const add = (p: DemoParticipant, start: number, hundredths: number, service: ServiceText) => {
				const item = ctx.items[service.item];
				const status = statusFor(daysAgo, rng);
				const decided = status !== 'pending';
				const approver = rng.chance(0.65) ? coordinators[0] : rng.pick(coordinators);
				const end = start + (hundredths * 60) / 100;
				const km = service.item === 'community' ? rng.int(300, 4500) : rng.int(0, 1200);
				const pickText = (list: string[]) => fill(rng.pick(list), p.first) || null;
				const session = {
					id: seedUuid(`session:${member.key}:${daysAgo}:${n++}`),
					participant: p,
					staff: member,
					date,
					startMinutes: start,
					durationHundredths: hundredths,
					serviceType: service.serviceType,
					itemId: item.id,
					priceCents: item.priceCents,
					status,
					notes: fill(rng.pick(service.notes), p.first),
					outcomes: fill(rng.pick(service.outcomes), p.first),
					nextSteps: fill(rng.pick(service.nextSteps), p.first)
				};
				// Nobody logs a session that has not ended yet: today's later sessions are not there.
				if (Date.parse(sydneyInstant(date, end)) > ctx.now.getTime()) return;
				const loggedAt = Math.min(Date.parse(sydneyInstant(date, end + 45)), ctx.now.getTime());
				sessions.push({
					...session,
					row: {
						id: session.id,
						participant_id: p.id,
						staff_id: member.userId,
						ndis_item_code_id: item.id,
						service_type: service.serviceType,
						session_date: date,
						start_time: clock(start),
						end_time: clock(end),
						duration_hours: fromCents(hundredths),
						travel_kilometers: fromCents(km),
						notes: session.notes,
						outcomes: session.outcomes,
						next_steps: session.nextSteps,
						participant_mood: rng.pick([...PARTICIPANT_MOODS, 'good', 'good', 'excellent']),
						challenges: pickText(service.challenges),
						achievements: pickText(service.achievements),
						status,
						rejection_reason: status === 'rejected' ? rng.pick(REJECTION_REASONS) : null,
						approved_by: decided ? approver?.userId : null,
						approved_at: decided
							? sydneyInstant(addDays(date, rng.int(1, 3)), rng.int(8 * 60, 17 * 60))
							: null,
						created_at: new Date(loggedAt).toISOString()
					}
				});
			};

			for (const p of rng.sample(eligible, wanted)) {
				const hundredths = isWorker ? rng.int(2, 8) * 50 : rng.pick([100, 100, 150]);
				if (cursor + (hundredths * 60) / 100 > DAY_END) break;
				const therapy = THERAPY_SERVICES[member.specialization ?? ''];
				add(p, cursor, hundredths, therapy ?? rng.pick(WORKER_SERVICES));
				cursor += (hundredths * 60) / 100 + rng.int(1, 3) * 30;
			}
			// The night shift starts after the day's last session has ended and ends before 08:00.
			if (overnight && eligible.length) {
				add(rng.pick(eligible), OVERNIGHT_START, OVERNIGHT_HUNDREDTHS, OVERNIGHT_SERVICE);
			}
		}
	}
	return sessions;
}

export async function seedSessions(
	ctx: DemoContext,
	staff: DemoStaff[],
	assignments: Assignments
): Promise<DemoSession[]> {
	const planned = planSessions(ctx, staff, assignments);
	await upsertMovable(
		ctx.db,
		'session_logs',
		planned.map((s) => s.row)
	);
	// Today's sessions that an earlier run (later in a day) logged but this one does not: they
	// have not happened yet, so they go, with any notification about them.
	const kept = new Set(planned.map((s) => s.id));
	const unborn = staff
		.flatMap((m) => Array.from({ length: 12 }, (_, n) => seedUuid(`session:${m.key}:0:${n}`)))
		.filter((id) => !kept.has(id));
	await ctx.db.query(`DELETE FROM notifications WHERE related_id = ANY($1::uuid[])`, [unborn]);
	await ctx.db.query(`DELETE FROM session_logs WHERE id = ANY($1::uuid[]) AND status = 'pending'`, [
		unborn
	]);
	return planned.map(({ row: _row, ...session }) => session);
}
