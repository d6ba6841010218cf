/**
 * The care record around the sessions: progress notes (a third of approved sessions get one,
 * plus a coordinator's monthly check-in per participant) and goals in every status, with the
 * progress a coordinator would expect for that status.
 */
import { upsert } from '../db';
import { seedUuid } from '../ids';
import { createRandom } from '../random';
import { addDays } from '../dates';
import { fromCents } from '../money';
import { GOAL_STATUSES } from '../../../shared/enums';
import type { DemoContext, DemoParticipant, DemoSession, DemoStaff } from './context';

export const GOAL_LIBRARY = [
	[
		'Daily living',
		'Prepare three healthy meals a week',
		'Plan, shop for and cook meals with decreasing support.'
	],
	[
		'Daily living',
		'Manage my own medication',
		'Use a Webster pack and phone reminders without prompts.'
	],
	[
		'Social and community participation',
		'Join a local community group',
		'Find a group that matches my interests and attend weekly.'
	],
	[
		'Social and community participation',
		'Travel independently by public transport',
		'Learn two regular routes and what to do when plans change.'
	],
	[
		'Health and wellbeing',
		'Improve fitness and mobility',
		'Attend hydrotherapy weekly and follow the home exercise program.'
	],
	[
		'Health and wellbeing',
		'Sleep better and feel rested',
		'Keep an evening routine and a sleep diary with support.'
	],
	[
		'Employment',
		'Find part-time work in hospitality',
		'Complete a barista course and apply for two jobs a month.'
	],
	[
		'Employment',
		'Keep my supported employment role',
		'Build stamina for four-hour shifts and manage the roster.'
	],
	[
		'Relationships',
		'Stay connected with family and friends',
		'Organise a catch-up every fortnight and use video calls.'
	],
	[
		'Relationships',
		'Make new friends with shared interests',
		'Take part in a social group and invite someone to an outing.'
	]
] as const;

function progressFor(
	status: (typeof GOAL_STATUSES)[number],
	roll: (a: number, b: number) => number
) {
	if (status === 'not_started') return 0;
	if (status === 'in_progress') return roll(10, 65);
	if (status === 'nearly_complete') return roll(70, 95);
	return 100;
}

export async function seedGoals(ctx: DemoContext, participants: DemoParticipant[]) {
	const rng = createRandom('demo:goals');
	const rows = participants.flatMap((p) =>
		[0, 1, 2].map((g) => {
			const [category, goal, description] =
				GOAL_LIBRARY[(p.index * 3 + g) % GOAL_LIBRARY.length] ?? GOAL_LIBRARY[0];
			const status = GOAL_STATUSES[(p.index + g) % GOAL_STATUSES.length] ?? 'in_progress';
			const latest = p.planEnd > ctx.today ? p.planEnd : addDays(ctx.today, 90);
			return {
				id: seedUuid(`goal:${p.index}:${g}`),
				participant_id: p.id,
				category,
				goal,
				description,
				progress_percentage: progressFor(status, (a, b) => rng.int(a, b)),
				status,
				due_date:
					status === 'completed'
						? addDays(ctx.today, -rng.int(5, 60))
						: addDays(latest, -rng.int(0, 25))
			};
		})
	);
	await upsert(ctx.db, 'participant_goals', rows, { conflict: ['id'] });
	return rows.length;
}

export async function seedProgressNotes(
	ctx: DemoContext,
	sessions: DemoSession[],
	participants: DemoParticipant[],
	coordinator: DemoStaff
) {
	const rng = createRandom('demo:progress-notes');
	const approved = sessions.filter((s) => s.status === 'approved');
	const linked = approved
		.filter((_, i) => i % 3 === 0)
		.map((s) => ({
			id: seedUuid(`progress-note:session:${s.id}`),
			participant_id: s.participant.id,
			session_log_id: s.id,
			session_log_date: s.date,
			worker_id: s.staff.userId,
			date: s.date,
			session_type: s.serviceType,
			duration: `${fromCents(s.durationHundredths)} hours`,
			notes: s.notes,
			outcomes: [s.outcomes, s.nextSteps]
		}));
	const reviews = participants
		.filter((p) => p.status === 'active')
		.map((p) => ({
			id: seedUuid(`progress-note:review:${p.index}`),
			participant_id: p.id,
			session_log_id: null,
			session_log_date: null,
			worker_id: coordinator.userId,
			date: addDays(ctx.today, -rng.int(3, 40)),
			session_type: 'Support coordination',
			duration: '1 hour',
			notes: `Monthly check-in with ${p.first}. Reviewed the roster, upcoming appointments and budget use; no concerns raised about current workers.`,
			outcomes: [
				'Roster confirmed for the next fortnight',
				rng.pick(['Budget on track', 'Plan review date noted', 'New community activity agreed'])
			]
		}));
	const rows = [...linked, ...reviews];
	await upsert(ctx.db, 'progress_notes', rows, { conflict: ['id'] });
	return rows.length;
}
