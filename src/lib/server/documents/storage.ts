/**
 * Document files on disk, under DOCUMENTS_DIR. A file is always named `<uuid>.<ext>` by the
 * server (ext from the sniffed type), never by the user's name or path, so no upload can choose
 * where it lands. The sha256 is computed over the same chunks that are written; a failed write
 * leaves no partial file behind.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';

export type StoredFile = { relativePath: string; size: number; sha256: string };

const CHUNK = 64 * 1024;

export async function storeFile(root: string, bytes: Uint8Array, ext: string): Promise<StoredFile> {
	const safeExt = /^[a-z0-9]{1,8}$/.test(ext) ? ext : 'bin';
	const relativePath = `${randomUUID()}.${safeExt}`;
	const full = join(resolve(root), relativePath);
	await mkdir(resolve(root), { recursive: true });
	const hash = createHash('sha256');
	// 'wx': a name collision (never expected with a random UUID) fails instead of overwriting.
	const handle = await open(full, 'wx', 0o640);
	try {
		for (let at = 0; at < bytes.length; at += CHUNK) {
			const chunk = bytes.subarray(at, at + CHUNK);
			hash.update(chunk);
			await handle.write(chunk);
		}
		await handle.close();
	} catch (err) {
		await handle.close().catch(() => undefined);
		await rm(full, { force: true });
		throw err;
	}
	return { relativePath, size: bytes.length, sha256: hash.digest('hex') };
}

/** The absolute path of a stored file, refusing anything that would step outside the root. */
export function resolveStored(root: string, relativePath: string): string | null {
	const base = resolve(root);
	const full = resolve(base, relativePath);
	const rel = relative(base, full);
	if (!rel || rel.startsWith('..') || isAbsolute(rel)) return null;
	return full;
}

export async function removeFile(root: string, relativePath: string): Promise<void> {
	const full = resolveStored(root, relativePath);
	if (full) await rm(full, { force: true });
}

/** A web stream of the file and its size, or null when it is missing on disk. */
export async function openFile(
	root: string,
	relativePath: string
): Promise<{ stream: ReadableStream<Uint8Array>; size: number } | null> {
	const full = resolveStored(root, relativePath);
	if (!full) return null;
	try {
		const info = await stat(full);
		if (!info.isFile()) return null;
		const stream = Readable.toWeb(createReadStream(full)) as ReadableStream<Uint8Array>;
		return { stream, size: info.size };
	} catch {
		return null;
	}
}

/** The whole file, for an export that packs it; null when it is missing on disk. */
export async function readStored(root: string, relativePath: string): Promise<Buffer | null> {
	const full = resolveStored(root, relativePath);
	if (!full) return null;
	try {
		return await readFile(full);
	} catch {
		return null;
	}
}
