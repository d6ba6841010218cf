import { describe, expect, it } from 'vitest';
import { minimalPdf, tinyPng } from '../seed/files';
import { sniff } from './sniff';

const bytes = (...parts: (number[] | string)[]) =>
	Buffer.concat(
		parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))
	);

/** A zip local file header naming one entry, enough for the sniffer to read entry names. */
const zipEntry = (name: string) =>
	bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0], new Array(16).fill(0), name);

describe('sniff', () => {
	it('recognises real headers', () => {
		expect(sniff(minimalPdf(['Hello'])).mime).toBe('application/pdf');
		expect(sniff(tinyPng())).toEqual({ mime: 'image/png', ext: 'png' });
		expect(sniff(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF')).mime).toBe('image/jpeg');
		expect(sniff(bytes('GIF89a', [1, 0, 1, 0])).mime).toBe('image/gif');
		expect(sniff(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')).mime).toBe('image/webp');
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
});
