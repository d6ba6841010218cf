/**
 * The roster board: every day from six days ago to thirteen days ahead, which always covers this
 * week and next whatever weekday today is, and always has both finished and upcoming events.
 * Each staff member's events are laid out on one timeline per day (overnight shifts last, ending
 * 07:00 next morning), so nobody is double-booked.
 */
import { upsert } from '../db';
import { seedUuid } from '../ids';
import { createRandom, type Random } from '../random';
import { addDays, sydneyInstant } from '../dates';
import type { Assignments } from './assignments';
import type { DemoContext, DemoParticipant, DemoStaff } from './context';

const FIRST_DAY = -6;
const LAST_DAY = 13;
const OFFICE = 'Harbourside Support Services, 12 Church Street, Parramatta NSW 2150';

interface Slot {
	title: string;
	description: string;
	type: 'session' | 'assessment' | 'meeting' | 'reminder' | 'other';
	minutes: number;
	participant: DemoParticipant | null;
	location: string;
	overnight?: boolean;
}

function dayPlan(member: DemoStaff, mine: DemoParticipant[], rng: Random): Slot[] {
	const count = rng.int(0, 2);
	const slots: Slot[] = [];
	for (let n = 0; n < count; n++) {
		const p = mine.length ? rng.pick(mine) : null;
		if (member.role === 'support_worker' && p) {
			const kind = rng.pick(['Personal care', 'Community access', 'Life skills development']);
			slots.push({
				title: `${kind} – ${p.name}`,
				description: `${kind} shift with ${p.first}.`,
				type: 'session',
				minutes: rng.int(2, 8) * 30,
				participant: p,
				location: p.address
			});
		} else if (member.role === 'allied_health' && p) {
			const assessment = rng.chance(0.35);
			slots.push({
				title: assessment
					? `Functional capacity assessment – ${p.name}`
					: `${member.specialization} – ${p.name}`,
				description: assessment
					? 'Annual assessment ahead of the plan review.'
					: 'Regular therapy session.',
				type: assessment ? 'assessment' : 'session',
				minutes: assessment ? 120 : 60,
				participant: p,
				location: rng.chance(0.3) ? 'Telehealth (video call)' : p.address
			});
		} else if (member.role === 'support_coordinator') {
			const reminder = rng.chance(0.4) || !p;
			slots.push(
				reminder
					? {
							title: p
								? `Follow up plan review paperwork – ${p.name}`
								: 'Submit monthly service report',
							description: 'Reminder from the coordination checklist.',
							type: 'reminder',
							minutes: 30,
							participant: p,
							location: OFFICE
						}
					: {
							title: `Plan review meeting – ${p?.name}`,
							description: 'Review goals, budget use and supports with the participant and family.',
							type: 'meeting',
							minutes: 60,
							participant: p,
							location: rng.chance(0.5) ? OFFICE : 'Video call'
						}
			);
		}
	}
	return slots;
}

export async function seedCalendar(
	ctx: DemoContext,
	staff: DemoStaff[],
	assignments: Assignments,
	participants: DemoParticipant[],
	coordinator: DemoStaff
) {
	const rows: Record<string, unknown>[] = [];
	const now = ctx.now.getTime();
	const coordinators = staff.filter((s) => s.role === 'support_coordinator');
	// Coordinators are not rostered with participants; each looks after a share of the caseload.
	const caseload = (member: DemoStaff) =>
		member.role === 'support_coordinator'
			? participants.filter((p) => p.index % coordinators.length === coordinators.indexOf(member))
			: (assignments.get(member.userId) ?? []);
	for (const member of staff) {
		if (member.status !== 'active') continue;
		const rng = createRandom(`demo:calendar:${member.key}`);
		const mine = caseload(member).filter((p) => p.status === 'active');
		for (let offset = FIRST_DAY; offset <= LAST_DAY; offset++) {
			const date = addDays(ctx.today, offset);
			const slots = dayPlan(member, mine, rng);
			if (member.role === 'super_admin' && (offset === 0 || offset === 7)) {
				slots.push({
					title: 'All-staff team meeting',
					description: 'Rostering, incidents and training updates.',
					type: 'other',
					minutes: 60,
					participant: null,
					location: OFFICE
				});
			}
			const overnight = member.role === 'support_worker' && mine.length > 0 && rng.chance(0.08);
			if (overnight) {
				const p = rng.pick(mine);
				slots.push({
					title: `Overnight support – ${p.name}`,
					description: 'Active overnight: settle, checks every two hours, morning handover.',
					type: 'session',
					minutes: 9 * 60,
					participant: p,
					location: p.address,
					overnight: true
				});
			}
			let cursor = 8 * 60 + rng.int(0, 4) * 30;
			slots.forEach((slot, n) => {
				const start = slot.overnight ? 22 * 60 : cursor;
				cursor = start + slot.minutes + rng.int(1, 2) * 30;
				const startAt = sydneyInstant(date, start);
				const endAt = sydneyInstant(date, start + slot.minutes);
				const roll = rng.next();
				let status: string;
				if (Date.parse(endAt) <= now) status = roll < 0.85 ? 'completed' : 'cancelled';
				else if (Date.parse(startAt) <= now) status = 'confirmed';
				else status = roll < 0.5 ? 'scheduled' : roll < 0.9 ? 'confirmed' : 'cancelled';
				rows.push({
					id: seedUuid(`calendar:${member.key}:${offset}:${n}`),
					title: slot.title,
					description: slot.description,
					participant_id: slot.participant?.id ?? null,
					staff_id: member.userId,
					event_type: slot.type,
					start_datetime: startAt,
					end_datetime: endAt,
					location: slot.location,
					status,
					created_by: coordinator.userId,
					version: 1
				});
			});
		}
	}
	await upsert(ctx.db, 'calendar_events', rows, { conflict: ['id'] });
	return rows.length;
}
