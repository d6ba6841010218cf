/**
 * Small but real files for the demo documents, so downloading, previewing and integrity checks
 * (size and sha256) work against the seed exactly as they do against an upload.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A one-page PDF with a few lines of Helvetica, cross-reference offsets computed by hand. */
export function minimalPdf(lines: string[]): Buffer {
	// PDF strings are Latin-1 here; escape the delimiters and drop anything outside ASCII.
	const text = (s: string) => s.replace(/[^\x20-\x7e]/g, '-').replace(/([\\()])/g, '\\$1');
	const content = [
		'BT',
		'/F1 18 Tf 56 780 Td',
		`(${text(lines[0] ?? '')}) Tj`,
		'/F1 11 Tf',
		...lines.slice(1).flatMap((line) => ['0 -22 Td', `(${text(line)}) Tj`]),
		'ET'
	].join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ' +
			'/Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
	];
	let pdf = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(pdf.length);
		pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = pdf.length;
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(pdf, 'latin1');
}

/** A valid 1×1 PNG, standing in for a photo. */
export function tinyPng(): Buffer {
	return Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
		'base64'
	);
}

export interface StoredFile {
	size: number;
	sha256: string;
}

export async function storeFile(
	root: string,
	relativePath: string,
	bytes: Buffer
): Promise<StoredFile> {
	const full = join(root, relativePath);
	await mkdir(dirname(full), { recursive: true });
	await writeFile(full, bytes);
	return { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
