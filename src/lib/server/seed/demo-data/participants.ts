/**
 * Forty demo participants with plans in every state a coordinator deals with: most current, some
 * ending in the next one to two months, a few ended (inactive) and a few not yet started (pending).
 * NDIS numbers are 9 digits from 43…, below the scale seed's range (438000001 and up).
 */
import { sealField } from '../../crypto/keyring';
import { upsert } from '../db';
import { seedUuid } from '../ids';
import { createRandom } from '../random';
import { address, emailLocal, mobileNumber, randomPerson, type Person } from '../australia';
import { addDays } from '../dates';
import { PLAN_MANAGERS } from '../../../shared/enums';
import { DISABILITIES } from './disabilities';
import type { DemoContext, DemoParticipant } from './context';

export const DEMO_PARTICIPANT_COUNT = 40;
const PENDING = new Set([11, 29]);
const INACTIVE = new Set([5, 23, 37]);

function planFor(index: number, today: string, days: (min: number, max: number) => number) {
	if (PENDING.has(index)) {
		const start = addDays(today, days(7, 21));
		return { status: 'pending' as const, start, end: addDays(start, 365) };
	}
	if (INACTIVE.has(index)) {
		const end = addDays(today, -days(10, 40));
		return { status: 'inactive' as const, start: addDays(end, -365), end };
	}
	// Plans ending in 30–60 days: the ones a coordinator must start reviewing now.
	const end = index % 8 === 1 ? addDays(today, days(30, 60)) : addDays(today, days(90, 330));
	return { status: 'active' as const, start: addDays(end, -365), end };
}

function uniquePeople(count: number, seed: string): Person[] {
	const rng = createRandom(seed);
	const seen = new Set<string>();
	const people: Person[] = [];
	while (people.length < count) {
		const person = randomPerson(rng);
		if (seen.has(person.name)) continue;
		seen.add(person.name);
		people.push(person);
	}
	return people;
}

/** The demo participants' NDIS numbers: the same on every run, so tests can tell demo rows apart. */
export function demoNdisNumbers(): string[] {
	return uniqueNdisNumbers(DEMO_PARTICIPANT_COUNT, 'demo:ndis-numbers');
}

function uniqueNdisNumbers(count: number, seed: string): string[] {
	const rng = createRandom(seed);
	const numbers = new Set<string>();
	while (numbers.size < count) numbers.add(String(430_000_000 + rng.int(0, 7_999_999)));
	return [...numbers];
}

export async function seedParticipants(
	ctx: DemoContext,
	createdBy: string
): Promise<DemoParticipant[]> {
	const rng = createRandom('demo:participants');
	const people = uniquePeople(DEMO_PARTICIPANT_COUNT, 'demo:participant-names');
	const ndisNumbers = demoNdisNumbers();
	const plans = people.map((_, i) => planFor(i, ctx.today, (a, b) => rng.int(a, b)));

	const rows = people.map((person, i) => {
		const profile = DISABILITIES[i % DISABILITIES.length] ?? DISABILITIES[0];
		const plan = plans[i] ?? plans[0];
		const contact = rng.pick(['mother', 'father', 'partner', 'sister', 'brother', 'guardian']);
		const age = i % 6 === 0 ? rng.int(9, 17) : rng.int(19, 72);
		return {
			id: seedUuid(`participant:${i}`),
			ndis_number: ndisNumbers[i],
			name: person.name,
			email: `${emailLocal(person)}@example.com`,
			phone: mobileNumber(rng),
			address: address(rng),
			date_of_birth: addDays(ctx.today, -(age * 365 + rng.int(0, 364))),
			emergency_contact_name: `${randomPerson(rng).first} ${person.last} (${contact})`,
			emergency_contact_phone: mobileNumber(rng),
			primary_disability: profile?.disability,
			plan_start_date: plan?.start,
			plan_end_date: plan?.end,
			plan_manager: PLAN_MANAGERS[i % PLAN_MANAGERS.length],
			total_budget: `${rng.int(1500, 18000) * 10}.00`,
			support_needs: sealField(profile?.supportNeeds),
			goals: profile?.goals,
			medical_info: sealField(profile?.medicalInfo),
			notes: sealField(
				rng.pick([
					'Prefers female workers for personal care.',
					'Lives with parents; mum is the main contact for rostering.',
					'Has a dog at home (friendly). Please text before arriving.',
					'Interpreter required for family meetings (Vietnamese).',
					'Prefers morning sessions; tires quickly after 2 pm.',
					'Lives alone in SDA; on-site overnight support available.'
				])
			),
			status: plan?.status,
			created_by: createdBy
		};
	});
	const saved = await upsert(ctx.db, 'participants', rows, {
		conflict: ['ndis_number'],
		returning: ['id', 'ndis_number']
	});
	const idByNumber = new Map(saved.map((r) => [String(r.ndis_number), String(r.id)]));

	return rows.map((row, i) => ({
		index: i,
		id: idByNumber.get(String(row.ndis_number)) ?? row.id,
		name: row.name,
		first: people[i]?.first ?? row.name,
		status: row.status ?? 'active',
		planStart: row.plan_start_date ?? ctx.today,
		planEnd: row.plan_end_date ?? ctx.today,
		address: row.address
	}));
}
