/**
 * Documents against the real database and a temporary DOCUMENTS_DIR: uploads are typed by their
 * bytes and stored under generated names with the right size and sha256; disguised executables,
 * oversized files and hostile names are refused or defused; search finds tags and stemmed name
 * words; downloads are audited; a worker never sees a document of a participant not theirs.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, createUser, unique } from '../../../../tests/fixtures';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM, type Actor } from '../db/context';
import { AuditLog, Document, ParticipantStaff, type Participant, type User } from '../db/models';
import { minimalPdf, tinyPng } from '../seed/files';
import { addDays, localDate } from '../time';
import * as documents from './service';

let root: string;
let coordinator: User;
let worker: User;
let theirs: Participant;
let notTheirs: Participant;
let asCoordinator: Actor;
let asWorker: Actor;
const manager = () => ({ id: coordinator.id, scope: 'all' as const });
const frontline = () => ({ id: worker.id, scope: 'assigned' as const });
const filters = (extra: Partial<documents.DocumentFilters> = {}) =>
	documents.documentFilters.parse({ limit: 100, ...extra });

const fileOf = (bytes: Uint8Array, name: string, type = 'application/pdf') =>
	new File([Buffer.from(bytes)], name, { type });

const fields = (extra: Partial<documents.UploadFields> = {}) =>
	documents.uploadFieldsSchema.parse({ type: 'report', tags: [], ...extra });

beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'ndis-docs-'));
	[coordinator, worker] = await runAs(SYSTEM, () =>
		tx(async () => [await createUser('support_coordinator'), await createUser('support_worker')])
	);
	[theirs, notTheirs] = await runAs(SYSTEM, () =>
		tx(async () => [await createParticipant(null), await createParticipant(null)])
	);
	await runAs(SYSTEM, () =>
		tx(() =>
			ParticipantStaff.create({ participantId: theirs.id, userId: worker.id, assignedBy: null })
		)
	);
	asCoordinator = { userId: coordinator.id, role: 'support_coordinator' };
	asWorker = { userId: worker.id, role: 'support_worker' };
});
afterAll(async () => {
	await rm(root, { recursive: true, force: true });
	await closeDb();
});

async function upload(file: File, extra: Partial<documents.UploadFields> = {}, as = asCoordinator) {
	const viewer = as === asWorker ? frontline() : manager();
	return runAs(as, () => documents.upload({ file, fields: fields(extra) }, viewer, root));
}

describe('uploading', () => {
	it('stores a real PDF under a generated name with its size and sha256', async () => {
		const pdf = minimalPdf(['Behaviour support plan']);
		const outcome = await upload(fileOf(pdf, 'plan.pdf'), { participantId: theirs.id });
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(outcome.data.mimeType).toBe('application/pdf');
		expect(outcome.data.fileSize).toBe(pdf.length);
		expect(outcome.data.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
		const row = await runAs(SYSTEM, () => tx(() => Document.findByPk(outcome.data.id)));
		expect(row!.filePath).toMatch(/^[0-9a-f-]{36}\.pdf$/);
		expect(await readFile(join(root, row!.filePath))).toEqual(pdf);
	});

	it('records a PNG named .pdf as the PNG it is', async () => {
		const outcome = await upload(fileOf(tinyPng(), 'scan.pdf'), { type: 'photo' });
		expect(outcome.ok && outcome.data.mimeType).toBe('image/png');
		const row = await runAs(SYSTEM, () =>
			tx(() => Document.findByPk(outcome.ok ? outcome.data.id : ''))
		);
		expect(row!.filePath).toMatch(/\.png$/);
	});

	it('refuses an ELF executable disguised as .pdf with 415 naming what it is', async () => {
		const before = await readdir(root);
		const elf = Buffer.concat([
			Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
			Buffer.alloc(64)
		]);
		const outcome = await upload(fileOf(elf, 'invoice.pdf'));
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.status).toBe(415);
		expect(outcome.message).toContain('application/x-executable');
		expect(await readdir(root)).toEqual(before);
	});

	it('refuses an HTML page disguised as .pdf with 415, storing nothing', async () => {
		const before = await readdir(root);
		const page = Buffer.from('<!DOCTYPE html><script>fetch("/api/v1/me")</script>', 'utf8');
		const outcome = await upload(fileOf(page, 'referral.pdf'));
		expect(!outcome.ok && outcome.status).toBe(415);
		expect(!outcome.ok && outcome.message).toContain('text/html');
		expect(await readdir(root)).toEqual(before);
	});

	it('refuses a file over the size limit with 413', async () => {
		const { maxBytes } = await runAs(SYSTEM, () => documents.documentSettings());
		const big = Buffer.alloc(maxBytes + 1, 0x20);
		big.write('%PDF-1.4');
		const outcome = await upload(fileOf(big, 'big.pdf'));
		expect(!outcome.ok && outcome.status).toBe(413);
	});

	it('keeps a hostile file name away from the path and out of the headers', async () => {
		const pdf = minimalPdf(['x']);
		const outcome = await upload(fileOf(pdf, '../../etc/passwd'));
		expect(outcome.ok && outcome.data.name).toBe('passwd');
		const hostile = await upload(fileOf(pdf, 'a.pdf'), {
			name: '<script>alert(1)</script>\r\nSet-Cookie: x=1 ../../evil".pdf'
		});
		expect(hostile.ok).toBe(true);
		if (!hostile.ok) return;
		expect(hostile.data.name).not.toMatch(/[\r\n/]/);
		const row = await runAs(SYSTEM, () => tx(() => Document.findByPk(hostile.data.id)));
		expect(row!.filePath).toMatch(/^[0-9a-f-]{36}\.pdf$/);
		const header = documents.contentDisposition(hostile.data.name);
		expect(header).not.toMatch(/[\r\n<>]/);
		const [, ascii] = /filename="([^"]*)"/.exec(header)!;
		expect(ascii).toMatch(/^[A-Za-z0-9._ ()-]+$/);
		expect(header).toMatch(/filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
		expect(() => new Headers({ 'Content-Disposition': header })).not.toThrow();
	});

	it('computes the status from the expiry date and recomputes it on update', async () => {
		const today = localDate(new Date());
		const pdf = minimalPdf(['Certificate']);
		const soon = await upload(fileOf(pdf, 'c.pdf'), { expiryDate: addDays(today, 5) });
		expect(soon.ok && soon.data.status).toBe('expiring_soon');
		if (!soon.ok) return;
		const expired = await runAs(asCoordinator, () =>
			documents.update(soon.data.id, { expiryDate: addDays(today, -1) }, manager())
		);
		expect(expired!.status).toBe('expired');
		const current = await runAs(asCoordinator, () =>
			documents.update(soon.data.id, { expiryDate: null }, manager())
		);
		expect(current!.status).toBe('current');
		expect(current!.type).toBe('report');
	});
});

describe('searching and access', () => {
	it('finds a document by a tag word and by a stemmed name word', async () => {
		const tag = unique('zebrafinch').replace(/[^a-z]/g, '');
		const outcome = await upload(fileOf(minimalPdf(['a']), 'x.pdf'), {
			name: `Functional assessments ${tag}`,
			tags: [`${tag}tag`, 'physio']
		});
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		const byTag = await runAs(asCoordinator, () =>
			documents.list(filters({ q: `${tag}tag` }), manager())
		);
		expect(byTag.data.map((d) => d.id)).toContain(outcome.data.id);
		const stemmed = await runAs(asCoordinator, () =>
			documents.list(filters({ q: `assessment ${tag}` }), manager())
		);
		expect(stemmed.data.map((d) => d.id)).toEqual([outcome.data.id]);
	});

	it("hides a document of a participant who is not the worker's", async () => {
		const hidden = await upload(fileOf(minimalPdf(['secret']), 's.pdf'), {
			participantId: notTheirs.id
		});
		const shown = await upload(fileOf(minimalPdf(['ok']), 'o.pdf'), { participantId: theirs.id });
		if (!hidden.ok || !shown.ok) throw new Error('upload failed');
		const seen = await runAs(asWorker, () => documents.list(filters(), frontline()));
		const ids = seen.data.map((d) => d.id);
		expect(ids).toContain(shown.data.id);
		expect(ids).not.toContain(hidden.data.id);
		expect(await runAs(asWorker, () => documents.get(hidden.data.id, frontline()))).toBeNull();
		expect(
			await runAs(asWorker, () => documents.download(hidden.data.id, frontline(), root))
		).toBeNull();
		// Nor may the worker upload for that participant.
		const refused = await upload(
			fileOf(minimalPdf(['x']), 'x.pdf'),
			{ participantId: notTheirs.id },
			asWorker
		);
		expect(!refused.ok && refused.fields?.participantId).toBeTruthy();
	});

	it('audits a download with the acting user and streams the bytes', async () => {
		const pdf = minimalPdf(['Download me']);
		const outcome = await upload(fileOf(pdf, 'd.pdf'), { participantId: theirs.id });
		if (!outcome.ok) throw new Error('upload failed');
		const file = await runAs(asWorker, () =>
			documents.download(outcome.data.id, frontline(), root)
		);
		expect(file!.mimeType).toBe('application/pdf');
		expect(Buffer.from(await new Response(file!.stream).arrayBuffer())).toEqual(pdf);
		const audit = await runAs(SYSTEM, () =>
			tx(() =>
				AuditLog.findAll({ where: { action: 'document.download', recordId: outcome.data.id } })
			)
		);
		expect(audit.map((a) => a.userId)).toEqual([worker.id]);
	});

	it('deletes the row and then the file', async () => {
		const outcome = await upload(fileOf(minimalPdf(['bye']), 'b.pdf'));
		if (!outcome.ok) throw new Error('upload failed');
		const row = await runAs(SYSTEM, () => tx(() => Document.findByPk(outcome.data.id)));
		expect(
			await runAs(asCoordinator, () => documents.remove(outcome.data.id, manager(), root))
		).toBe(true);
		expect(await readdir(root)).not.toContain(row!.filePath);
		expect(await runAs(asCoordinator, () => documents.get(outcome.data.id, manager()))).toBeNull();
	});
});
