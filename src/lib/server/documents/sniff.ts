/**
 * What a file really is, judged by its first bytes (magic numbers), never by its name or the
 * browser's Content-Type: an upload's type is whatever this says. Small on purpose; anything it
 * does not recognise is application/octet-stream and so refused unless that is allowed.
 */
export type Sniffed = {
	mime: string;
	ext: string;
	/** Why bytes that began like an accepted type were not taken as one (said to the uploader). */
	why?: string;
};

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) =>
	bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const OCTET: Sniffed = { mime: 'application/octet-stream', ext: 'bin' };

/** Office Open XML: a zip whose entries include [Content_Types].xml and the main part. */
function sniffZip(bytes: Uint8Array): Sniffed {
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
	if (text.includes('[Content_Types].xml')) {
		if (text.includes('word/document.xml') || text.includes('word/')) {
			return {
				mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				ext: 'docx'
			};
		}
		if (text.includes('xl/workbook.xml') || text.includes('xl/')) {
			return {
				mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				ext: 'xlsx'
			};
		}
	}
	return { mime: 'application/zip', ext: 'zip' };
}

// The WHATWG MIME Sniffing standard's HTML signatures: a tag name followed by a space or '>'.
const HTML_TAGS =
	/^<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--)[\s>]/i;

/**
 * Markup that runs or loads something, wherever in a file it begins: documents, scripts, frames,
 * plug-ins, SVG and XML, event-handler attributes and script URLs. A tag that only formats (a
 * note mentioning <p>) is not in it.
 */
const ACTIVE_MARKUP =
	/<(?:!doctype\s+html|\?xml|html|head|body|script|iframe|frame|frameset|object|embed|applet|svg|math|style|link|meta|base|form|template|img|video|audio|xml:)[\s/>]|<[a-z][\w:-]*\s[^<>]*\bon[a-z]+\s*=|(?:java|vb)script\s*:/i;

const HTML: Sniffed = { mime: 'text/html', ext: 'html' };
const SVG: Sniffed = { mime: 'image/svg+xml', ext: 'svg' };

/**
 * Markup a browser would run: HTML, SVG or XML, at the start of a file or anywhere after text
 * that precedes it. Text otherwise, and so accepted as text/plain, it would be a stored script
 * waiting for a viewer that ignores Content-Type.
 */
function sniffMarkup(text: string): Sniffed | null {
	const head = text
		.slice(0, 1024)
		.replace(/^\uFEFF/, '')
		.trimStart();
	if (HTML_TAGS.test(head)) return HTML;
	if (/^<svg[\s>]/i.test(head)) return SVG;
	if (/^<\?xml[\s?]/i.test(head)) {
		return /<svg[\s>]/i.test(head) ? SVG : { mime: 'application/xml', ext: 'xml' };
	}
	const found = ACTIVE_MARKUP.exec(text);
	if (!found) return null;
	if (/<svg[\s/>]/i.test(text)) return { ...SVG, why: 'contains SVG markup' };
	return { ...HTML, why: `contains markup a browser would run (${found[0].slice(0, 20).trim()}…)` };
}

function utf8Text(bytes: Uint8Array): string | null {
	if (bytes.length === 0 || bytes.includes(0)) return null;
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return null;
	}
}

/**
 * Images are taken as images only when their structure holds from the first byte to the format's
 * own end marker (each function answers where the image ends, or -1), so image magic followed by
 * markup, or a header alone, is refused. Bytes after the end are allowed (phones append motion
 * clips to JPEGs) unless they hold markup.
 */
function image(bytes: Uint8Array, end: number, as: Sniffed, format: string): Sniffed {
	if (end < 0) return { ...OCTET, why: `begins like a ${format} image but is not a valid one` };
	if (end < bytes.length) {
		const trailer = Buffer.from(bytes.buffer, bytes.byteOffset + end, bytes.length - end);
		if (ACTIVE_MARKUP.test(trailer.toString('latin1'))) {
			return { ...HTML, why: `is a ${format} image with markup a browser would run after it` };
		}
	}
	return as;
}

const u32be = (b: Uint8Array, at: number) =>
	((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
const u32le = (b: Uint8Array, at: number) =>
	b[at]! + (b[at + 1]! << 8) + (b[at + 2]! << 16) + ((b[at + 3]! << 24) >>> 0);
const fourcc = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4));

/** PNG: IHDR first, then length-prefixed chunks with letter names, up to and including IEND. */
function pngEnd(b: Uint8Array): number {
	let at = 8;
	let first = true;
	while (at + 12 <= b.length) {
		const length = u32be(b, at);
		const type = fourcc(b, at + 4);
		if (!/^[A-Za-z]{4}$/.test(type) || length > 0x7fffffff) return -1;
		if (first && (type !== 'IHDR' || length !== 13)) return -1;
		first = false;
		const next = at + 12 + length;
		if (next > b.length) return -1;
		if (type === 'IEND') return next;
		at = next;
	}
	return -1;
}

/** JPEG: SOI, marker segments with their lengths, entropy-coded scans, up to and including EOI. */
function jpegEnd(b: Uint8Array): number {
	let at = 2;
	let scanned = false;
	while (at + 1 < b.length) {
		if (b[at] !== 0xff) return -1;
		const marker = b[at + 1]!;
		if (marker === 0xff) {
			at += 1; // fill byte
			continue;
		}
		if (marker === 0xd9) return scanned ? at + 2 : -1;
		if (
			marker === 0xd8 ||
			marker === 0x00 ||
			(marker >= 0xd0 && marker <= 0xd7) ||
			marker === 0x01
		) {
			at += 2;
			continue;
		}
		if (at + 4 > b.length) return -1;
		const length = (b[at + 2]! << 8) + b[at + 3]!;
		if (length < 2) return -1;
		at += 2 + length;
		if (at > b.length) return -1;
		if (marker === 0xda) {
			scanned = true;
			// Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart.
			while (at + 1 < b.length) {
				if (b[at] === 0xff) {
					const next = b[at + 1]!;
					if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
				}
				at += 1;
			}
		}
	}
	return -1;
}

/** GIF: screen descriptor, colour table, then images and extensions in sub-blocks, to the trailer. */
function gifEnd(b: Uint8Array): number {
	const table = (flags: number) => (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
	const subBlocks = (from: number) => {
		let at = from;
		while (at < b.length) {
			const size = b[at]!;
			at += 1 + size;
			if (size === 0) return at <= b.length ? at : -1;
		}
		return -1;
	};
	if (b.length < 13) return -1;
	let at = 13 + table(b[10]!);
	while (at < b.length) {
		const block = b[at]!;
		if (block === 0x3b) return at + 1;
		if (block === 0x21) {
			at = subBlocks(at + 2);
		} else if (block === 0x2c) {
			if (at + 10 > b.length) return -1;
			at = subBlocks(at + 10 + table(b[at + 9]!) + 1);
		} else {
			return -1;
		}
		if (at < 0) return -1;
	}
	return -1;
}

/** WebP: a RIFF container whose size fits the file, holding well-formed chunks, VP8/VP8L/VP8X first. */
function webpEnd(b: Uint8Array): number {
	if (b.length < 20) return -1;
	const end = 8 + u32le(b, 4);
	if (end > b.length || end < 20) return -1;
	if (!['VP8 ', 'VP8L', 'VP8X'].includes(fourcc(b, 12))) return -1;
	let at = 12;
	while (at < end) {
		if (at + 8 > end || !/^[A-Z0-9 ]{4}$/i.test(fourcc(b, at))) return -1;
		const size = u32le(b, at + 4);
		at += 8 + size + (size % 2);
		if (at > end) return -1;
	}
	return end;
}

export function sniff(bytes: Uint8Array): Sniffed {
	if (startsWith(bytes, ascii('%PDF-'))) return { mime: 'application/pdf', ext: 'pdf' };
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
		return image(bytes, pngEnd(bytes), { mime: 'image/png', ext: 'png' }, 'PNG');
	}
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
		return image(bytes, jpegEnd(bytes), { mime: 'image/jpeg', ext: 'jpg' }, 'JPEG');
	}
	if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) {
		return image(bytes, gifEnd(bytes), { mime: 'image/gif', ext: 'gif' }, 'GIF');
	}
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) {
		return image(bytes, webpEnd(bytes), { mime: 'image/webp', ext: 'webp' }, 'WebP');
	}
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
	// OLE2 compound file: legacy Word (and Excel) documents share it.
	if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
		return { mime: 'application/msword', ext: 'doc' };
	}
	if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) {
		return { mime: 'application/x-executable', ext: 'bin' };
	}
	if (startsWith(bytes, ascii('MZ'))) return { mime: 'application/x-msdownload', ext: 'bin' };
	const text = utf8Text(bytes);
	if (text !== null) return sniffMarkup(text) ?? { mime: 'text/plain', ext: 'txt' };
	return OCTET;
}
