/** The global search shows each role exactly what its lists would, and nothing more. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, createUser } from '../../../../tests/fixtures';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM } from '../db/context';
import { Document, ParticipantStaff, type Participant, type User } from '../db/models';
import { search } from './search';

const token = `Zephyrine${Date.now().toString(36)}`;
let worker: User;
let coordinator: User;
let mine: Participant;
let theirs: Participant;

beforeAll(async () => {
	await runAs(SYSTEM, () =>
		tx(async () => {
			worker = await createUser('support_worker');
			coordinator = await createUser('support_coordinator');
			mine = await createParticipant(coordinator.id, { name: `${token} Assigned` });
			theirs = await createParticipant(coordinator.id, { name: `${token} Other` });
			await ParticipantStaff.create({
				participantId: mine.id,
				userId: worker.id,
				assignedBy: null
			});
		})
	);
});
afterAll(closeDb);

const as = (user: User) => ({ id: user.id, role: user.role });
const run = (user: User, q: string) =>
	runAs({ userId: user.id, role: user.role }, () => search(q, as(user)));

describe('global search', () => {
	it("finds only a worker's own participants", async () => {
		const results = await run(worker, token);
		expect(results.participants?.map((p) => p.id)).toEqual([mine.id]);
	});

	it('finds every matching participant for a coordinator, also by NDIS number', async () => {
		const byName = await run(coordinator, token);
		expect(byName.participants?.map((p) => p.id).sort()).toEqual([mine.id, theirs.id].sort());
		const byNumber = await run(coordinator, theirs.ndisNumber);
		expect(byNumber.participants?.map((p) => p.id)).toEqual([theirs.id]);
	});

	it('finds documents by a word of their tags, within scope', async () => {
		await runAs(SYSTEM, () => tx(() => createDocuments(mine.id, coordinator.id, theirs.id)));
		const forWorker = await run(worker, `${token}tag`);
		expect(forWorker.documents?.map((d) => d.title)).toEqual([`${token} plan`]);
		const forCoordinator = await run(coordinator, `${token}tag`);
		expect(forCoordinator.documents).toHaveLength(2);
	});

	it('answers nothing for an empty query', async () => {
		expect(await run(coordinator, '   ')).toEqual({
			participants: null,
			staff: null,
			documents: null
		});
	});
});

async function createDocuments(mineId: string, uploader: string, theirsId: string) {
	for (const [participantId, name] of [
		[mineId, `${token} plan`],
		[theirsId, `${token} other plan`]
	] as const) {
		await Document.create({
			name,
			type: 'ndis_plan',
			participantId,
			uploadedBy: uploader,
			filePath: 'none.pdf',
			fileSize: '1',
			mimeType: 'application/pdf',
			sha256: null,
			expiryDate: null,
			tags: [`${token}tag`]
		});
	}
}
