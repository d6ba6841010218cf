/**
 * The participant export against the real database and a temporary DOCUMENTS_DIR: a participant
 * made through the services, with goals, notes, a session, an invoice, an event and a document,
 * comes back out of the ZIP exactly as stored (health details decrypted, document bytes intact,
 * every hash in the manifest right), the export is audited with who did it, and a worker gets
 * nothing for a participant not theirs, leaving no audit row behind.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, createUser, ndisNumber, unique } from '../../../../tests/fixtures';
import { decide } from '../auth/authorize';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM, type Actor } from '../db/context';
import {
	AuditLog,
	CalendarEvent,
	Invoice,
	InvoiceItem,
	NdisItemCode,
	ParticipantGoal,
	ProgressNote,
	SessionLog,
	type User
} from '../db/models';
import * as documents from '../documents/service';
import { connectOwner } from '../seed/db';
import { minimalPdf } from '../seed/files';
import { ensureCatalogue } from '../seed/test-catalogue';
import * as goals from './goals';
import { documentEntryName, exportParticipant, type Manifest } from './participant-export';
import * as participants from './participants';
import * as progressNotes from './progress-notes';

let root: string;
let coordinator: User;
let worker: User;
let asCoordinator: Actor;
let asWorker: Actor;
let participantId: string;
let pdf: Buffer;
let documentId: string;

const manager = () => ({ id: coordinator.id, scope: 'all' as const });
const by = () => ({ id: coordinator.id, name: coordinator.name, role: coordinator.role });
const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function exportAsCoordinator(id = participantId) {
	return runAs(asCoordinator, () => exportParticipant(id, manager(), by(), root));
}

async function exportRows(recordId: string) {
	return runAs(SYSTEM, () =>
		tx(() => AuditLog.findAll({ where: { action: 'participant.export', recordId } }))
	);
}

beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'ndis-export-'));
	[coordinator, worker] = await runAs(SYSTEM, () =>
		tx(async () => [await createUser('support_coordinator'), await createUser('support_worker')])
	);
	asCoordinator = { userId: coordinator.id, role: 'support_coordinator' };
	asWorker = { userId: worker.id, role: 'support_worker' };

	const created = await runAs(asCoordinator, () =>
		participants.create(
			participants.newParticipantSchema.parse({
				ndisNumber: ndisNumber(),
				name: 'Export Round Trip',
				medicalInfo: 'Epilepsy; carries midazolam',
				supportNeeds: 'Two-person transfer',
				totalBudget: '42000.00'
			}),
			coordinator.id
		)
	);
	participantId = created.id;
	await runAs(asCoordinator, async () => {
		await participants.assign(participantId, worker.id, coordinator.id);
		await goals.create(
			participantId,
			goals.newGoalSchema.parse({ category: 'Daily living', goal: 'Cook a meal weekly' }),
			manager()
		);
		await progressNotes.create(
			progressNotes.newNoteSchema.parse({
				participantId,
				date: '2026-05-04',
				notes: 'Made pasta with support',
				outcomes: ['Chopped vegetables', 'Used the stove safely']
			}),
			{ id: coordinator.id, role: 'support_coordinator', scope: 'all' }
		);
	});
	pdf = minimalPdf(['Behaviour support plan', 'Reviewed May 2026']);
	const uploaded = await runAs(asCoordinator, () =>
		documents.upload(
			{
				file: new File([new Uint8Array(pdf)], '../../etc/"plan"\r\n.pdf', {
					type: 'application/pdf'
				}),
				fields: documents.uploadFieldsSchema.parse({ type: 'report', participantId, tags: ['bsp'] })
			},
			manager(),
			root
		)
	);
	if (!uploaded.ok) throw new Error(uploaded.message);
	documentId = uploaded.data.id;

	// Invoice lines bill a real item: import the catalogue the way the seeds' tests do.
	const owner = await connectOwner();
	try {
		await ensureCatalogue(owner);
	} finally {
		await owner.end();
	}
	// Sessions, invoices and events have no services yet: written as the coordinator would.
	await runAs(asCoordinator, () =>
		tx(async () => {
			const item = await NdisItemCode.findOne({ where: { code: '01_011_0107_1_1' } });
			if (!item) throw new Error('the catalogue is not imported');
			const session = await SessionLog.create({
				participantId,
				staffId: worker.id,
				ndisItemCodeId: item.id,
				serviceType: 'Personal care',
				sessionDate: '2026-05-04',
				startTime: '09:00',
				endTime: '11:00',
				durationHours: '2.00',
				notes: null,
				outcomes: null,
				nextSteps: null,
				participantMood: 'good',
				challenges: null,
				achievements: null,
				rejectionReason: null,
				approvedBy: null,
				approvedAt: null
			});
			const invoice = await Invoice.create({
				invoiceNumber: unique('INV'),
				participantId,
				staffId: worker.id,
				issueDate: '2026-05-05',
				dueDate: '2026-05-19',
				subtotal: '140.46',
				gstAmount: '0.00',
				totalAmount: '140.46',
				notes: null,
				sentAt: null,
				paidAt: null
			});
			await InvoiceItem.create({
				invoiceId: invoice.id,
				ndisItemCodeId: item.id,
				sessionLogId: session.id,
				sessionLogDate: session.sessionDate,
				quantity: '2.00',
				rate: '70.23',
				amount: '140.46',
				description: 'Personal care 4 May'
			});
			await CalendarEvent.create({
				title: 'Plan review',
				description: null,
				participantId,
				staffId: worker.id,
				eventType: 'meeting',
				startDatetime: new Date('2026-06-01T00:00:00Z'),
				endDatetime: new Date('2026-06-01T01:00:00Z'),
				location: 'Home visit',
				createdBy: coordinator.id
			});
		})
	);
});

afterAll(async () => {
	await rm(root, { recursive: true, force: true });
	await closeDb();
});

describe('exporting a participant', () => {
	it('round-trips every record, the document bytes and the manifest hashes', async () => {
		const exported = await exportAsCoordinator();
		expect(exported).not.toBeNull();
		if (!exported) return;
		expect(exported.filename).toMatch(/^participant-43\d{7}-\d{4}-\d{2}-\d{2}\.zip$/);
		const files = unzipSync(exported.bytes);
		const read = (path: string) => JSON.parse(strFromU8(files[path]!));

		const stored = await runAs(asCoordinator, () => participants.get(participantId, manager()));
		expect(read('participant.json')).toEqual(roundTrip(stored));
		expect(read('participant.json')).toMatchObject({
			medicalInfo: 'Epilepsy; carries midazolam',
			supportNeeds: 'Two-person transfer'
		});

		const where = { where: { participantId } };
		const rows = await runAs(SYSTEM, () =>
			tx(async () => ({
				goals: await ParticipantGoal.findAll(where),
				notes: await ProgressNote.findAll(where),
				sessions: await SessionLog.findAll(where),
				events: await CalendarEvent.findAll(where),
				invoices: await Invoice.findAll(where)
			}))
		);
		const plain = (list: { get(o: { plain: true }): object }[]) =>
			roundTrip(list.map((r) => r.get({ plain: true })));
		expect(read('goals.json')).toEqual(plain(rows.goals));
		expect(read('goals.json')[0].goal).toBe('Cook a meal weekly');
		expect(read('progress-notes.json')).toEqual(plain(rows.notes));
		expect(read('progress-notes.json')[0].outcomes).toEqual([
			'Chopped vegetables',
			'Used the stove safely'
		]);
		expect(read('session-logs.json')).toEqual(plain(rows.sessions));
		expect(read('calendar-events.json')).toEqual(plain(rows.events));
		const [invoice] = read('invoices.json');
		expect(invoice).toMatchObject({ totalAmount: '140.46', items: [{ amount: '140.46' }] });
		expect(invoice.invoiceNumber).toBe(rows.invoices[0]!.invoiceNumber);
		expect(read('assigned-staff.json').map((s: { userId: string }) => s.userId)).toEqual([
			worker.id
		]);
		// Who works with the participant, never what they are paid or how many hours they have.
		for (const member of read('assigned-staff.json')) {
			expect(Object.keys(member).sort()).toEqual(['assignedAt', 'email', 'name', 'role', 'userId']);
		}

		const [document] = read('documents.json');
		expect(document).toMatchObject({ id: documentId, sha256: sha256(pdf), tags: ['bsp'] });
		expect(document.file).toBe(`documents/${documentId}-plan.pdf`);
		expect(Buffer.from(files[document.file]!)).toEqual(pdf);
		expect(sha256(files[document.file]!)).toBe(document.sha256);

		const history = read('audit-history.json') as { action: string; tableName: string }[];
		const tables = new Set(history.map((h) => `${h.tableName}:${h.action}`));
		for (const t of ['participants', 'participant_goals', 'progress_notes', 'documents']) {
			expect(tables).toContain(`${t}:insert`);
		}
		expect(tables).toContain('invoice_items:insert');

		const manifest = read('manifest.json') as Manifest;
		expect(manifest).toMatchObject({
			format: 'ndis-participant-export',
			generatedBy: { id: coordinator.id, role: 'support_coordinator' },
			participant: { id: participantId, name: 'Export Round Trip' },
			counts: {
				goals: 1,
				progressNotes: 1,
				sessionLogs: 1,
				invoices: 1,
				invoiceItems: 1,
				documents: 1,
				documentFiles: 1,
				calendarEvents: 1,
				assignedStaff: 1
			},
			missingFiles: []
		});
		const listed = manifest.files.map((f) => f.path).sort();
		expect(listed).toEqual(
			Object.keys(files)
				.filter((p) => p !== 'manifest.json')
				.sort()
		);
		for (const file of manifest.files) {
			expect(file.sha256).toBe(sha256(files[file.path]!));
			expect(file.size).toBe(files[file.path]!.length);
		}
	});

	it('audits the export with who made it, in the participant’s history', async () => {
		const before = (await exportRows(participantId)).length;
		await exportAsCoordinator();
		const audit = await exportRows(participantId);
		expect(audit).toHaveLength(before + 1);
		const latest = audit.sort((a, b) => +b.createdAt - +a.createdAt)[0]!;
		expect(latest).toMatchObject({ userId: coordinator.id, tableName: 'participants' });
		expect(latest.newValues).toMatchObject({ counts: { documents: 1 } });
	});

	it('still exports the record when a stored file has gone missing', async () => {
		await rm(root, { recursive: true, force: true });
		const exported = await exportAsCoordinator();
		const files = unzipSync(exported!.bytes);
		const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Manifest;
		expect(manifest.missingFiles).toEqual([documentId]);
		expect(Object.keys(files).some((p) => p.startsWith('documents/'))).toBe(false);
		expect(JSON.parse(strFromU8(files['documents.json']!))[0].file).toBeNull();
	});
});

describe('who may export', () => {
	it('refuses frontline staff by policy, and their scope reaches nobody unassigned', async () => {
		for (const role of ['support_worker', 'allied_health'] as const) {
			expect(decide({ role }, 'participants', 'export')).toEqual({ ok: false, status: 403 });
		}
		for (const role of ['super_admin', 'support_coordinator'] as const) {
			expect(decide({ role }, 'participants', 'export').ok).toBe(true);
		}
		const other = await runAs(SYSTEM, () => tx(() => createParticipant(null)));
		const viewer = { id: worker.id, scope: 'assigned' as const };
		const workerBy = { id: worker.id, name: worker.name, role: worker.role };
		const refused = await runAs(asWorker, () =>
			exportParticipant(other.id, viewer, workerBy, root)
		);
		expect(refused).toBeNull();
		expect(await exportRows(other.id)).toHaveLength(0);
	});

	it('answers null for an unknown participant and audits nothing', async () => {
		const id = randomUUID();
		expect(await exportAsCoordinator(id)).toBeNull();
		expect(await exportRows(id)).toHaveLength(0);
	});
});

describe('document names inside the ZIP', () => {
	it('keeps paths, quotes and line breaks out and the stored extension on', () => {
		const id = randomUUID();
		expect(documentEntryName(id, '../../etc/passwd', 'x.pdf')).toBe(`documents/${id}-passwd.pdf`);
		expect(documentEntryName(id, 'a "b"\r\n<c>.PDF', 'x.pdf')).toBe(`documents/${id}-a_b_c.pdf`);
		expect(documentEntryName(id, '...', 'x.png')).toBe(`documents/${id}-document.png`);
		expect(documentEntryName(id, 'Plan', '../evil')).toBe(`documents/${id}-Plan.bin`);
	});
});
