/**
 * Who works with whom. Every participant has one or two support workers and every third one an
 * allied health professional too (1–3 staff each). The arithmetic gives the demo worker eight
 * participants and the demo allied health user five, so each role sees some participants but not all.
 */
import { upsert } from '../db';
import { seedUuid } from '../ids';
import type { DemoContext, DemoParticipant, DemoStaff } from './context';

export type Assignments = Map<string, DemoParticipant[]>;

export async function seedAssignments(
	ctx: DemoContext,
	staff: DemoStaff[],
	participants: DemoParticipant[],
	assignedBy: string
): Promise<Assignments> {
	// The inactive worker has left: no current participants.
	const workers = staff.filter((s) => s.role === 'support_worker' && s.status !== 'inactive');
	const allied = staff.filter((s) => s.role === 'allied_health');
	const byStaff: Assignments = new Map(staff.map((s) => [s.userId, []]));
	const rows: Record<string, unknown>[] = [];
	const assign = (member: DemoStaff | undefined, participant: DemoParticipant) => {
		if (!member) return;
		byStaff.get(member.userId)?.push(participant);
		rows.push({
			id: seedUuid(`assignment:${participant.index}:${member.key}`),
			participant_id: participant.id,
			user_id: member.userId,
			assigned_by: assignedBy
		});
	};
	for (const p of participants) {
		const i = p.index;
		assign(workers[i % workers.length], p);
		if (i % 3 === 0) {
			assign(workers[(i + 3) % workers.length], p);
			assign(allied[Math.floor(i / 3) % allied.length], p);
		}
	}
	await upsert(ctx.db, 'participant_staff', rows, {
		conflict: ['participant_id', 'user_id'],
		update: []
	});
	return byStaff;
}
