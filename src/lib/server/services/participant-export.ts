/**
 * Data portability: everything held about one participant in one ZIP. `participant.json` is the
 * record as the app shows it (health details decrypted); each related table is a JSON file; the
 * stored files sit under `documents/` with names the server makes; `manifest.json` says when, by
 * whom, how many of each, and the sha256 of every other file, so a recipient can check the lot.
 * Everything is read and the export audited in one transaction: the audit row exists exactly
 * when the data was read. Files are at most documents.max_upload_mb each, so memory is enough.
 */
import { createHash } from 'node:crypto';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { Op } from 'sequelize';
import { config } from '../config';
import { tx } from '../db';
import { currentActor } from '../db/context';
import {
	AuditLog,
	CalendarEvent,
	Document,
	Invoice,
	InvoiceItem,
	ParticipantGoal,
	ParticipantStaff,
	ProgressNote,
	SessionLog,
	User
} from '../db/models';
import { sanitiseName, toDto as documentDto, type DocumentDto } from '../documents/service';
import { readStored } from '../documents/storage';
import { localDate } from '../time';
import type { UserRole } from '../../shared/enums';
import { toEntry } from './audit';
import * as participants from './participants';

export type ExportedBy = { id: string; name: string; role: UserRole };

export type ManifestFile = { path: string; size: number; sha256: string };
export type Manifest = {
	format: 'ndis-participant-export';
	version: 1;
	generatedAt: string;
	generatedBy: ExportedBy;
	participant: { id: string; ndisNumber: string; name: string };
	counts: Record<string, number>;
	files: ManifestFile[];
	/** Documents whose stored file was not found on disk: their metadata is still exported. */
	missingFiles: string[];
};

export type ParticipantExport = { filename: string; bytes: Uint8Array; manifest: Manifest };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const oldestFirst = [
	['createdAt', 'ASC'],
	['id', 'ASC']
] as [string, string][];
const plain = <T extends { get(options: { plain: true }): object }>(rows: T[]) =>
	rows.map((row) => row.get({ plain: true }));

/** `documents/<id>-<ascii name>.<ext>`: unique, no directories, nothing a shell or unzip minds. */
export function documentEntryName(id: string, name: string, filePath: string): string {
	const ext = /\.([a-z0-9]{1,8})$/.exec(filePath)?.[1] ?? 'bin';
	const stem = sanitiseName(name)
		.replace(new RegExp(`\\.${ext}$`, 'i'), '')
		.replace(/[^A-Za-z0-9._-]+/g, '_')
		.replace(/^[._]+|_+$/g, '')
		.slice(0, 80);
	return `documents/${id}${stem ? `-${stem}` : ''}.${ext}`;
}

/** Every row about the participant, read one after another in the caller's transaction. */
async function gather(participantId: string) {
	const where = { participantId };
	const goals = await ParticipantGoal.findAll({ where, order: oldestFirst });
	const notes = await ProgressNote.findAll({ where, order: oldestFirst });
	const sessions = await SessionLog.findAll({
		where,
		order: [['sessionDate', 'ASC'], ...oldestFirst]
	});
	const invoices = await Invoice.findAll({ where, order: [['issueDate', 'ASC'], ...oldestFirst] });
	const items = await InvoiceItem.findAll({
		where: { invoiceId: invoices.map((i) => i.id) },
		order: oldestFirst
	});
	const documents = await Document.findAll({ where, order: oldestFirst });
	const events = await CalendarEvent.findAll({
		where,
		order: [['startDatetime', 'ASC'], ...oldestFirst]
	});
	const assignments = await ParticipantStaff.findAll({ where, order: oldestFirst });
	return { goals, notes, sessions, invoices, items, documents, events, assignments };
}

type Gathered = Awaited<ReturnType<typeof gather>>;

/** The audit trail of the participant and of every record exported with them, oldest first. */
async function auditHistory(participantId: string, rows: Gathered) {
	const byTable: [string, { id: string }[]][] = [
		['participant_goals', rows.goals],
		['progress_notes', rows.notes],
		['session_logs', rows.sessions],
		['invoices', rows.invoices],
		['invoice_items', rows.items],
		['documents', rows.documents],
		['calendar_events', rows.events],
		['participant_staff', rows.assignments]
	];
	const entries = await AuditLog.findAll({
		where: {
			[Op.or]: [
				{ tableName: 'participants', recordId: participantId },
				...byTable
					.filter(([, records]) => records.length > 0)
					.map(([tableName, records]) => ({ tableName, recordId: records.map((r) => r.id) }))
			]
		},
		include: [{ model: User, as: 'user', attributes: ['name'] }],
		order: oldestFirst
	});
	return entries.map(toEntry);
}

async function recordExport(participantId: string, manifest: Manifest): Promise<void> {
	const actor = currentActor();
	await AuditLog.create(
		{
			userId: actor.userId,
			action: 'participant.export',
			tableName: 'participants',
			recordId: participantId,
			oldValues: null,
			newValues: { counts: manifest.counts, files: manifest.files.length },
			ipAddress: actor.ip?.slice(0, 45) ?? null,
			userAgent: actor.userAgent ?? null
		},
		{ returning: false }
	);
}

/** Null when there is no such participant or the viewer may not see them (indistinguishable). */
export async function exportParticipant(
	participantId: string,
	viewer: participants.Viewer,
	by: ExportedBy,
	root: string = config.documentsDir
): Promise<ParticipantExport | null> {
	return tx(async () => {
		const participant = await participants.get(participantId, viewer);
		if (!participant) return null;
		const rows = await gather(participantId);
		const staff = await participants.listStaff(participantId);
		const history = await auditHistory(participantId, rows);

		const files: Record<string, Uint8Array> = {};
		const missingFiles: string[] = [];
		const documents: (DocumentDto & { file: string | null })[] = [];
		for (const document of rows.documents) {
			const bytes = await readStored(root, document.filePath);
			let file: string | null = null;
			if (bytes) {
				file = documentEntryName(document.id, document.name, document.filePath);
				files[file] = bytes;
			} else {
				missingFiles.push(document.id);
			}
			documents.push({ ...documentDto(document), file });
		}
		const itemsOf = (invoiceId: string) => rows.items.filter((i) => i.invoiceId === invoiceId);
		const tables: Record<string, unknown[]> = {
			goals: plain(rows.goals),
			progressNotes: plain(rows.notes),
			sessionLogs: plain(rows.sessions),
			invoices: rows.invoices.map((i) => ({
				...i.get({ plain: true }),
				items: plain(itemsOf(i.id))
			})),
			documents,
			calendarEvents: plain(rows.events),
			assignedStaff: staff,
			auditHistory: history
		};
		const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
		const jsonFiles: Record<string, Uint8Array> = { 'participant.json': json(participant) };
		for (const [name, records] of Object.entries(tables)) {
			jsonFiles[`${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.json`] = json(records);
		}

		const generatedAt = new Date();
		const manifest: Manifest = {
			format: 'ndis-participant-export',
			version: 1,
			generatedAt: generatedAt.toISOString(),
			generatedBy: by,
			participant: {
				id: participant.id,
				ndisNumber: participant.ndisNumber,
				name: participant.name
			},
			counts: {
				...Object.fromEntries(Object.entries(tables).map(([name, list]) => [name, list.length])),
				invoiceItems: rows.items.length,
				documentFiles: Object.keys(files).length
			},
			files: Object.entries({ ...jsonFiles, ...files }).map(([path, bytes]) => ({
				path,
				size: bytes.length,
				sha256: sha256(bytes)
			})),
			missingFiles
		};
		// Stored files are PDFs and images, already compressed: store them, deflate the JSON.
		const zippable: Zippable = { 'manifest.json': json(manifest) };
		for (const [path, bytes] of Object.entries(jsonFiles)) zippable[path] = [bytes, { level: 6 }];
		for (const [path, bytes] of Object.entries(files)) zippable[path] = [bytes, { level: 0 }];
		const bytes = zipSync(zippable, { mtime: generatedAt });

		await recordExport(participantId, manifest);
		return {
			filename: `participant-${participant.ndisNumber}-${localDate(generatedAt)}.zip`,
			bytes,
			manifest
		};
	});
}
