import { describe, expect, it } from 'vitest';
import { minimalPdf, tinyPng } from '../seed/files';
import { sniff } from './sniff';

const bytes = (...parts: (number[] | string | Uint8Array)[]) =>
	Buffer.concat(
		parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))
	);

/** A zip local file header naming one entry, enough for the sniffer to read entry names. */
const zipEntry = (name: string) =>
	bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0], new Array(16).fill(0), name);

/** 2×2 images as Chromium's canvas encodes them, and the classic 1×1 GIF: real files, end to end. */
const JPEG = Buffer.from(
	'/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAIDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAH/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAwX/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCAARn/2Q==',
	'base64'
);
const WEBP = Buffer.from(
	'UklGRhQCAABXRUJQVlA4WAoAAAAgAAAAAQAAAQAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggJgAAAHABAJ0BKgIAAgACwEwloAJ0AaAAAPzKxhNJOj/4tD+jD+VrF4AA',
	'base64'
);
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

describe('sniff', () => {
	it('recognises real headers', () => {
		expect(sniff(minimalPdf(['Hello'])).mime).toBe('application/pdf');
		expect(sniff(tinyPng())).toEqual({ mime: 'image/png', ext: 'png' });
		expect(sniff(JPEG)).toEqual({ mime: 'image/jpeg', ext: 'jpg' });
		expect(sniff(GIF)).toEqual({ mime: 'image/gif', ext: 'gif' });
		expect(sniff(WEBP)).toEqual({ mime: 'image/webp', ext: 'webp' });
	});

	it('takes an image only when its structure holds to its end marker', () => {
		const png = tinyPng();
		const refused = (format: string) => ({
			mime: 'application/octet-stream',
			ext: 'bin',
			why: `begins like a ${format} image but is not a valid one`
		});
		// Magic bytes, then markup: nothing after the signature is an image.
		expect(sniff(bytes(png.subarray(0, 8), '<html><script>alert(1)</script>'))).toEqual(
			refused('PNG')
		);
		expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0], '<script>alert(1)</script>'))).toEqual(
			refused('JPEG')
		);
		expect(sniff(bytes('GIF89a', '<svg onload=alert(1)>'))).toEqual(refused('GIF'));
		expect(sniff(bytes('RIFF', [0x24, 0, 0, 0], 'WEBP<html>'))).toEqual(refused('WebP'));
		// Headers alone, or cut short before the end marker, are not images either.
		expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'))).toEqual(refused('JPEG'));
		expect(sniff(png.subarray(0, png.length - 12))).toEqual(refused('PNG'));
		expect(sniff(JPEG.subarray(0, JPEG.length - 2))).toEqual(refused('JPEG'));
		expect(sniff(GIF.subarray(0, GIF.length - 1))).toEqual(refused('GIF'));
		expect(sniff(WEBP.subarray(0, WEBP.length - 4))).toEqual(refused('WebP'));
	});

	it('refuses a valid image with markup after its end, and keeps other trailing bytes', () => {
		const html = bytes(tinyPng(), '\n<html><body><script>alert(document.cookie)</script>');
		expect(sniff(html)).toMatchObject({ mime: 'text/html', why: /PNG image with markup/ });
		expect(sniff(bytes(JPEG, '<iframe src="https://evil.example">'))).toMatchObject({
			mime: 'text/html',
			why: /JPEG image with markup/
		});
		// A phone's motion photo appends a video after the JPEG's end: still a photo.
		expect(sniff(bytes(JPEG, [0, 0, 0, 0x18], 'ftypmp42', new Array(64).fill(7))).mime).toBe(
			'image/jpeg'
		);
	});

	it('tells Word and Excel files from a plain zip by their parts', () => {
		const docx = Buffer.concat([zipEntry('[Content_Types].xml'), zipEntry('word/document.xml')]);
		expect(sniff(docx).ext).toBe('docx');
		const xlsx = Buffer.concat([zipEntry('[Content_Types].xml'), zipEntry('xl/workbook.xml')]);
		expect(sniff(xlsx).ext).toBe('xlsx');
		expect(sniff(zipEntry('notes.txt')).mime).toBe('application/zip');
	});

	it('accepts UTF-8 text and refuses binary as text', () => {
		expect(sniff(Buffer.from('Support plan — café notes\n', 'utf8')).mime).toBe('text/plain');
		expect(sniff(bytes('abc', [0], 'def')).mime).toBe('application/octet-stream');
		expect(sniff(bytes([0xc3, 0x28])).mime).toBe('application/octet-stream');
		expect(sniff(Buffer.alloc(0)).mime).toBe('application/octet-stream');
	});

	it('sees through a disguise: an ELF or a PE executable named .pdf is still an executable', () => {
		const elf = bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], new Array(8).fill(0), '%PDF-1.4');
		expect(sniff(elf).mime).toBe('application/x-executable');
		expect(sniff(bytes('MZ', [0x90, 0], '%PDF-')).mime).toBe('application/x-msdownload');
		// "%PDF-" must be at the very start, not anywhere in the file.
		expect(sniff(bytes(' %PDF-1.4')).mime).toBe('text/plain');
	});

	it('calls markup a browser would run what it is, not plain text', () => {
		expect(sniff(Buffer.from('\uFEFF  <!DOCTYPE html><p>x', 'utf8')).mime).toBe('text/html');
		expect(sniff(bytes('<script>alert(1)</script>')).mime).toBe('text/html');
		expect(sniff(bytes('<HTML>\n<body onload=x>')).mime).toBe('text/html');
		expect(sniff(bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="x"/>')).mime).toBe(
			'image/svg+xml'
		);
		expect(sniff(bytes('<?xml version="1.0"?>\n<svg>')).mime).toBe('image/svg+xml');
		expect(sniff(bytes('<?xml version="1.0"?><note/>')).mime).toBe('application/xml');
		// Text that merely mentions a tag, or starts with another angle bracket, is still text.
		expect(sniff(bytes('Notes: <p> tags are fine here')).mime).toBe('text/plain');
		expect(sniff(bytes('<3 from the team')).mime).toBe('text/plain');
	});

	it('refuses markup wherever it begins, after text, spaces or a BOM', () => {
		const html = (text: string) => expect(sniff(Buffer.from(text, 'utf8')), text);
		html('Meeting notes\n\n<html><body>hi</body></html>').toMatchObject({ mime: 'text/html' });
		html('\uFEFF\n\n   just a line, then <script>alert(1)</script>').toMatchObject({
			mime: 'text/html',
			why: 'contains markup a browser would run (<script>…)'
		});
		html('Dear team,\n<IFRAME src=x></iframe>').toMatchObject({ mime: 'text/html' });
		html('notes\n<!DOCTYPE html>\n<p>x').toMatchObject({ mime: 'text/html' });
		html('notes\n<?xml version="1.0"?><x/>').toMatchObject({ mime: 'text/html' });
		html('see <a href="javascript:alert(1)">here</a>').toMatchObject({ mime: 'text/html' });
		html('see <b onmouseover="alert(1)">here</b>').toMatchObject({ mime: 'text/html' });
		html('an image:\n<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>').toEqual({
			mime: 'image/svg+xml',
			ext: 'svg',
			why: 'contains SVG markup'
		});
		// Far into a long file too, not only in its first kilobyte.
		const long = `${'A plain line of a shift report.\n'.repeat(5_000)}<script>x()</script>`;
		expect(sniff(Buffer.from(long, 'utf8')).mime).toBe('text/html');
		// Everyday text with angle brackets stays text.
		for (const ok of ['Temp < 38 and BP > 120/80', 'Use <p> for paragraphs', 'a -> b <- c']) {
			expect(sniff(Buffer.from(ok, 'utf8')).mime, ok).toBe('text/plain');
		}
	});
});
