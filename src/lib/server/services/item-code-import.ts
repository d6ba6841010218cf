/**
 * Importing a Support Catalogue from /item-codes: an administrator uploads a CSV, sees what it
 * would change (the import rolled back), then confirms. The file waits between the two steps in a
 * private temp directory under .data/, named by a random id and tied to the uploader, so the
 * confirmation imports exactly what was previewed and nobody else can confirm it.
 *
 * The catalogue tables belong to the schema owner, so the import runs on an owner connection, as
 * the catalogue script does; the app's own tx() then records who did it in the audit trail.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { config } from '../config';
import { tx } from '../db';
import { currentActor } from '../db/context';
import { AuditLog } from '../db/models';
import { importCatalogue, previewCatalogue, type ImportSummary } from '../catalogue/import';
import { parseCatalogue } from '../catalogue/parse';
import { CatalogueFormatError, CatalogueOptionError, STATES } from '../catalogue/types';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const UPLOAD_DIR = resolve('.data/catalogue-uploads');
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** A preview left unconfirmed this long is gone. */
const MAX_AGE_MS = 60 * 60 * 1000;
/** Enough lines of the error report to act on, without an enormous page. */
const MAX_ERRORS_SHOWN = 200;

type Pending = { userId: string; fileName: string; state: string | null; createdAt: number };
export type ImportResult =
	| { ok: true; id: string; fileName: string; state: string | null; summary: ImportSummary }
	| { ok: false; status: 400 | 404 | 413; message: string };

function cleanName(name: string): string {
	return (name.split(/[\\/]/).pop() ?? 'catalogue.csv').replace(/[^\w.() -]/g, '_').slice(0, 200);
}

export function validState(state: string): state is (typeof STATES)[number] {
	return (STATES as readonly string[]).includes(state);
}

function trimmed(summary: ImportSummary): ImportSummary {
	return { ...summary, errors: summary.errors.slice(0, MAX_ERRORS_SHOWN) };
}

async function withOwner<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: config.databaseOwnerUrl });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

/** Parses the file and previews it (nothing written), so a broken file never reaches the temp dir. */
async function run(
	bytes: Uint8Array,
	fileName: string,
	state: string | null,
	commit: boolean
): Promise<{ ok: true; summary: ImportSummary } | { ok: false; message: string }> {
	try {
		const catalogue = parseCatalogue(bytes, { fileName, state: state ?? undefined });
		if (catalogue.rows.length === 0) {
			return { ok: false, message: 'This file has no catalogue rows that could be read.' };
		}
		const options = { source: fileName };
		const summary = await withOwner((client) =>
			commit
				? importCatalogue(client, catalogue, options)
				: previewCatalogue(client, catalogue, options)
		);
		return { ok: true, summary };
	} catch (err) {
		if (err instanceof CatalogueFormatError || err instanceof CatalogueOptionError) {
			return { ok: false, message: err.message };
		}
		throw err;
	}
}

export async function preview(file: File, state: string | null): Promise<ImportResult> {
	if (file.size === 0) return { ok: false, status: 400, message: 'Choose a CSV file to upload.' };
	if (file.size > MAX_UPLOAD_BYTES) {
		return { ok: false, status: 413, message: 'The file is larger than 5 MB.' };
	}
	const fileName = cleanName(file.name);
	const bytes = new Uint8Array(await file.arrayBuffer());
	const result = await run(bytes, fileName, state, false);
	if (!result.ok) return { ok: false, status: 400, message: result.message };
	const id = randomUUID();
	const pending: Pending = {
		userId: currentActor().userId ?? '',
		fileName,
		state,
		createdAt: Date.now()
	};
	await mkdir(UPLOAD_DIR, { recursive: true, mode: 0o700 });
	await writeFile(join(UPLOAD_DIR, `${id}.csv`), bytes, { mode: 0o600 });
	await writeFile(join(UPLOAD_DIR, `${id}.json`), JSON.stringify(pending), { mode: 0o600 });
	return { ok: true, id, fileName, state, summary: trimmed(result.summary) };
}

async function discard(id: string): Promise<void> {
	await rm(join(UPLOAD_DIR, `${id}.csv`), { force: true });
	await rm(join(UPLOAD_DIR, `${id}.json`), { force: true });
}

/** Imports the previewed file, once, for the person who previewed it. */
export async function confirm(id: string): Promise<ImportResult> {
	const gone = {
		ok: false,
		status: 404,
		message: 'That preview has expired: upload the file again.'
	} as const;
	if (!ID.test(id)) return gone;
	let pending: Pending;
	let bytes: Uint8Array;
	try {
		pending = JSON.parse(await readFile(join(UPLOAD_DIR, `${id}.json`), 'utf8')) as Pending;
		bytes = await readFile(join(UPLOAD_DIR, `${id}.csv`));
	} catch {
		return gone;
	}
	const actor = currentActor();
	if (pending.userId !== actor.userId) return gone;
	if (Date.now() - pending.createdAt > MAX_AGE_MS) {
		await discard(id);
		return gone;
	}
	await discard(id);
	const result = await run(bytes, pending.fileName, pending.state, true);
	if (!result.ok) return { ok: false, status: 400, message: result.message };
	const { errors, ...counts } = result.summary;
	await tx(() =>
		AuditLog.create(
			{
				userId: actor.userId,
				action: 'item_codes.import',
				tableName: 'ndis_item_codes',
				recordId: null,
				oldValues: null,
				newValues: {
					fileName: pending.fileName,
					state: pending.state,
					...counts,
					errorCount: errors.length
				},
				ipAddress: actor.ip?.slice(0, 45) ?? null,
				userAgent: actor.userAgent ?? null
			},
			{ returning: false }
		)
	);
	return {
		ok: true,
		id,
		fileName: pending.fileName,
		state: pending.state,
		summary: trimmed(result.summary)
	};
}

/**
 * Removes previews nobody confirmed within MAX_AGE_MS (the nightly purge job). Judged by the
 * preview's own record, or by the file's age when that record is missing or unreadable.
 */
export async function purgeStalePreviews(now = Date.now(), dir = UPLOAD_DIR): Promise<number> {
	let names: string[];
	try {
		names = await readdir(dir);
	} catch {
		return 0;
	}
	const ids = new Set(names.map((n) => n.replace(/\.(csv|json)$/, '')).filter((id) => ID.test(id)));
	let removed = 0;
	for (const id of ids) {
		let createdAt: number | null;
		try {
			createdAt = (JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as Pending)
				.createdAt;
		} catch {
			createdAt = await stat(join(dir, `${id}.csv`)).then(
				(s) => s.mtimeMs,
				() => null
			);
		}
		if (createdAt !== null && now - createdAt <= MAX_AGE_MS) continue;
		await rm(join(dir, `${id}.csv`), { force: true });
		await rm(join(dir, `${id}.json`), { force: true });
		removed += 1;
	}
	return removed;
}
