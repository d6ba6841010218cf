/**
 * Documents, for /documents, the documents API and the download route. Every query runs in the
 * caller's transaction (tx), so row-level security and the audit trigger know who acts; the app
 * scopes reads itself as well ('assigned' viewers see documents of their participants and the
 * ones they uploaded). A file's type is what its bytes say (sniff), never its name.
 */
import { Op, literal, type WhereOptions } from 'sequelize';
import { z } from 'zod';
import type { Scope } from '../auth/permissions';
import { config } from '../config';
import { db, tx } from '../db';
import { currentActor } from '../db/context';
import { AuditLog, Document, Participant, SystemSetting } from '../db/models';
import { addDays, localDate } from '../time';
import { readSetting } from '../settings/registry';
import {
	DOCUMENT_STATUSES,
	DOCUMENT_TYPES,
	type DocumentStatus,
	type DocumentType
} from '../../shared/enums';
import { requestExpiryCheck } from './expiry-queue';
import { downloadName } from './names';
import { sniff } from './sniff';
import { openFile, removeFile, storeFile } from './storage';

export type Viewer = { id: string; scope: Scope };

export type DocumentDto = {
	id: string;
	name: string;
	type: DocumentType;
	participantId: string | null;
	uploadedBy: string;
	fileSize: number;
	mimeType: string | null;
	sha256: string | null;
	uploadDate: string;
	expiryDate: string | null;
	status: DocumentStatus;
	tags: string[];
	createdAt: string;
	updatedAt: string;
};

export function toDto(d: Document): DocumentDto {
	return {
		id: d.id,
		name: d.name,
		type: d.type,
		participantId: d.participantId,
		uploadedBy: d.uploadedBy,
		fileSize: Number(d.fileSize),
		mimeType: d.mimeType,
		sha256: d.sha256,
		uploadDate: new Date(d.uploadDate).toISOString(),
		expiryDate: d.expiryDate,
		status: d.status,
		tags: d.tags ?? [],
		createdAt: d.createdAt.toISOString(),
		updatedAt: d.updatedAt.toISOString()
	};
}

/** A display name: no directories, no control characters, at most 255 characters. */
export function sanitiseName(raw: string): string {
	const base = raw.split(/[\\/]/).pop() ?? '';
	const cleaned = base
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^\.+/, '')
		.trim();
	return [...(cleaned || 'document')].slice(0, 255).join('').trim();
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (s: string) => {
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const dateField = z
	.string()
	.regex(DATE, 'must be a date (YYYY-MM-DD)')
	.refine(realDate, 'is not a real calendar date');

const tagsField = z
	.array(
		z.string().trim().min(1, 'must not be empty').max(50, 'must be at most 50 characters each')
	)
	.max(20, 'must be at most 20 tags');

const nameField = z
	.string()
	.transform(sanitiseName)
	.pipe(z.string().min(1, 'is required').max(255, 'must be at most 255 characters'));

export const uploadFieldsSchema = z.object({
	name: nameField.optional(),
	type: z.enum(DOCUMENT_TYPES, { error: `must be one of ${DOCUMENT_TYPES.join(', ')}` }),
	participantId: z.uuid('Choose a participant').nullable().optional(),
	tags: tagsField.default([]),
	expiryDate: dateField.nullable().optional()
});
export type UploadFields = z.infer<typeof uploadFieldsSchema>;

export const documentPatchSchema = z.strictObject({
	name: nameField.optional(),
	tags: tagsField.optional(),
	expiryDate: dateField.nullable().optional()
});
export type DocumentPatch = z.infer<typeof documentPatchSchema>;

const SORTS = ['name', '-name', 'uploadDate', '-uploadDate', 'expiryDate', '-expiryDate'] as const;

export const documentFilters = z.object({
	q: z.string().trim().max(200).optional(),
	type: z.enum(DOCUMENT_TYPES).optional(),
	status: z.enum(DOCUMENT_STATUSES).optional(),
	participantId: z.uuid('must be a participant id').optional(),
	page: z.coerce.number().int().min(1).default(1),
	limit: z.coerce.number().int().min(1).max(100).default(25),
	sort: z.enum(SORTS).default('-uploadDate')
});
export type DocumentFilters = z.infer<typeof documentFilters>;

/** Tags as a form sends them: a JSON array, repeated fields, or one comma-separated field. */
export function parseTags(values: string[]): string[] {
	if (values.length === 1 && values[0]!.trim().startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(values[0]!);
			if (Array.isArray(parsed)) return parsed.map(String);
		} catch {
			// fall through to the comma-separated reading
		}
	}
	return values.flatMap((v) => v.split(',')).filter((t) => t.trim() !== '');
}

export type DocumentSettings = { maxBytes: number; allowedTypes: string[]; warningDays: number };

export async function documentSettings(): Promise<DocumentSettings> {
	const rows = await SystemSetting.findAll({
		where: {
			settingKey: [
				'documents.max_upload_mb',
				'documents.allowed_types',
				'documents.expiry_warning_days'
			]
		}
	});
	const value = (key: string) => rows.find((r) => r.settingKey === key)?.settingValue;
	// Out-of-bounds values are read as their defaults (settings/registry.ts).
	return {
		maxBytes:
			readSetting('documents.max_upload_mb', value('documents.max_upload_mb')) * 1024 * 1024,
		allowedTypes: [...readSetting('documents.allowed_types', value('documents.allowed_types'))],
		warningDays: readSetting(
			'documents.expiry_warning_days',
			value('documents.expiry_warning_days')
		)
	};
}

/** Expired before today, expiring soon within the warning days, otherwise current. */
export function statusFor(
	expiryDate: string | null | undefined,
	warningDays: number,
	today = localDate(new Date())
): DocumentStatus {
	if (!expiryDate) return 'current';
	if (expiryDate < today) return 'expired';
	if (expiryDate <= addDays(today, warningDays)) return 'expiring_soon';
	return 'current';
}

function scopeWhere(viewer: Viewer): WhereOptions<Document> | null {
	if (viewer.scope === 'all') return null;
	const userId = db().escape(viewer.id);
	return {
		[Op.or]: [
			{ uploadedBy: viewer.id },
			{
				participantId: {
					[Op.in]: literal(
						`(SELECT participant_id FROM participant_staff WHERE user_id = ${userId})`
					)
				}
			}
		]
	};
}

async function participantVisible(id: string, viewer: Viewer): Promise<boolean> {
	const where =
		viewer.scope === 'all'
			? { id }
			: {
					id,
					[Op.and]: [
						literal(
							`id IN (SELECT participant_id FROM participant_staff WHERE user_id = ${db().escape(viewer.id)})`
						)
					]
				};
	return (await Participant.findOne({ where, attributes: ['id'] })) !== null;
}

export type Failure = {
	ok: false;
	status: 400 | 404 | 413 | 415;
	code: 'validation' | 'not_found' | 'payload_too_large' | 'unsupported_media_type';
	message: string;
	fields?: Record<string, string>;
};
export type Outcome<T> = { ok: true; data: T } | Failure;

export type UploadInput = { file: Blob & { name?: string }; fields: UploadFields };

export async function upload(
	input: UploadInput,
	viewer: Viewer,
	root: string = config.documentsDir
): Promise<Outcome<DocumentDto>> {
	const settings = await documentSettings();
	const { file, fields } = input;
	if (file.size > settings.maxBytes) {
		const mb = Math.round((settings.maxBytes / 1024 / 1024) * 10) / 10;
		return {
			ok: false,
			status: 413,
			code: 'payload_too_large',
			message: `The file is larger than the ${mb} MB limit`,
			fields: { file: `must be at most ${mb} MB` }
		};
	}
	if (file.size === 0) {
		return {
			ok: false,
			status: 400,
			code: 'validation',
			message: 'Some fields need attention',
			fields: { file: 'is empty' }
		};
	}
	const bytes = new Uint8Array(await file.arrayBuffer());
	const detected = sniff(bytes);
	if (detected.why || !settings.allowedTypes.includes(detected.mime)) {
		// Markup past the start, or image magic without an image, says why rather than a type.
		return {
			ok: false,
			status: 415,
			code: 'unsupported_media_type',
			message: detected.why
				? `This file ${detected.why}, so it is not accepted`
				: `Files of type ${detected.mime} are not accepted`,
			fields: { file: detected.why ?? `is ${detected.mime}, which is not an accepted type` }
		};
	}
	const participantId = fields.participantId ?? null;
	if (viewer.scope !== 'all' && !participantId) {
		return {
			ok: false,
			status: 400,
			code: 'validation',
			message: 'Some fields need attention',
			fields: { participantId: 'is required' }
		};
	}
	const name = fields.name ?? sanitiseName(file.name ?? '');
	const stored = await storeFile(root, bytes, detected.ext);
	try {
		const result = await tx(async (): Promise<Outcome<DocumentDto>> => {
			if (participantId && !(await participantVisible(participantId, viewer))) {
				return {
					ok: false,
					status: 400,
					code: 'validation',
					message: 'Some fields need attention',
					fields: { participantId: 'is not a participant you can add documents for' }
				};
			}
			const document = await Document.create({
				name,
				type: fields.type,
				participantId,
				uploadedBy: viewer.id,
				filePath: stored.relativePath,
				fileSize: String(stored.size),
				mimeType: detected.mime,
				sha256: stored.sha256,
				expiryDate: fields.expiryDate ?? null,
				status: statusFor(fields.expiryDate, settings.warningDays),
				tags: fields.tags
			});
			if (document.expiryDate) requestExpiryCheck(document.id);
			return { ok: true, data: toDto(document) };
		});
		if (!result.ok) await removeFile(root, stored.relativePath);
		return result;
	} catch (err) {
		await removeFile(root, stored.relativePath);
		throw err;
	}
}

export async function list(filters: DocumentFilters, viewer: Viewer) {
	const where: WhereOptions<Document>[] = [];
	const scoped = scopeWhere(viewer);
	if (scoped) where.push(scoped);
	if (filters.q) {
		where.push(
			literal(`search_vector @@ websearch_to_tsquery('english', ${db().escape(filters.q)})`)
		);
	}
	if (filters.type) where.push({ type: filters.type });
	if (filters.status) where.push({ status: filters.status });
	if (filters.participantId) where.push({ participantId: filters.participantId });
	const field = filters.sort.replace(/^-/, '');
	const direction = filters.sort.startsWith('-') ? 'DESC' : 'ASC';
	const { rows, count } = await tx(() =>
		Document.findAndCountAll({
			where: { [Op.and]: where },
			order: [
				[field, `${direction} NULLS LAST`],
				['id', 'ASC']
			],
			limit: filters.limit,
			offset: (filters.page - 1) * filters.limit
		})
	);
	return { data: rows.map(toDto), total: count, page: filters.page, limit: filters.limit };
}

async function find(id: string, viewer: Viewer): Promise<Document | null> {
	const scoped = scopeWhere(viewer);
	return Document.findOne({ where: scoped ? { [Op.and]: [{ id }, scoped] } : { id } });
}

/** One document, or null when there is none or the viewer may not see it (indistinguishable). */
export async function get(id: string, viewer: Viewer): Promise<DocumentDto | null> {
	const document = await tx(() => find(id, viewer));
	return document ? toDto(document) : null;
}

/** Name, tags and expiry may change (the status follows the expiry); the type may not. */
export async function update(
	id: string,
	patch: DocumentPatch,
	viewer: Viewer
): Promise<DocumentDto | null> {
	const settings = await documentSettings();
	return tx(async () => {
		const document = await find(id, viewer);
		if (!document) return null;
		const changes: Partial<Pick<Document, 'name' | 'tags' | 'expiryDate' | 'status'>> = {};
		if (patch.name !== undefined) changes.name = patch.name;
		if (patch.tags !== undefined) changes.tags = patch.tags;
		if (patch.expiryDate !== undefined) {
			changes.expiryDate = patch.expiryDate;
			changes.status = statusFor(patch.expiryDate, settings.warningDays);
		}
		await document.update(changes);
		if (patch.expiryDate !== undefined) requestExpiryCheck(document.id);
		return toDto(document);
	});
}

/** Deletes the row, then the file (a file without a row is harmless; the reverse is not). */
export async function remove(
	id: string,
	viewer: Viewer,
	root: string = config.documentsDir
): Promise<boolean> {
	const filePath = await tx(async () => {
		const document = await find(id, viewer);
		if (!document) return null;
		await document.destroy();
		return document.filePath;
	});
	if (filePath === null) return false;
	await removeFile(root, filePath);
	return true;
}

/** Audit row for a download, which changes no row and so is not caught by the trigger. */
async function recordDownload(document: Document): Promise<void> {
	const actor = currentActor();
	await AuditLog.create(
		{
			userId: actor.userId,
			action: 'document.download',
			tableName: 'documents',
			recordId: document.id,
			oldValues: null,
			newValues: { name: document.name, sha256: document.sha256 },
			ipAddress: actor.ip?.slice(0, 45) ?? null,
			userAgent: actor.userAgent ?? null
		},
		{ returning: false }
	);
}

export type Download = {
	name: string;
	mimeType: string;
	size: number;
	stream: ReadableStream<Uint8Array>;
};

/** The file of a visible document, with the download audited; null when not visible or missing. */
export async function download(
	id: string,
	viewer: Viewer,
	root: string = config.documentsDir
): Promise<Download | null> {
	return tx(async () => {
		const document = await find(id, viewer);
		if (!document) return null;
		const file = await openFile(root, document.filePath);
		if (!file) return null;
		await recordDownload(document);
		return {
			name: downloadName(document.name, document.filePath),
			mimeType: document.mimeType ?? 'application/octet-stream',
			size: file.size,
			stream: file.stream
		};
	});
}

/** `attachment` with an RFC 5987 UTF-8 name and an ASCII fallback safe in a quoted string. */
export function contentDisposition(name: string): string {
	const clean = sanitiseName(name);
	const ascii = clean.replace(/[^A-Za-z0-9._ ()-]/g, '_');
	const encoded = encodeURIComponent(clean).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Reads an upload's multipart fields (the file itself comes separately) against the schema. */
export function uploadFieldsFrom(form: FormData) {
	const text = (key: string) => {
		const v = form.get(key);
		return typeof v === 'string' && v.trim() !== '' ? v : undefined;
	};
	const tagValues = form.getAll('tags').filter((v): v is string => typeof v === 'string');
	return uploadFieldsSchema.safeParse({
		name: text('name'),
		type: text('type'),
		participantId: text('participantId'),
		tags: parseTags(tagValues),
		expiryDate: text('expiryDate')
	});
}
