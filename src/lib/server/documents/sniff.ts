/**
 * What a file really is, judged by its first bytes (magic numbers), never by its name or the
 * browser's Content-Type: an upload's type is whatever this says. Small on purpose; anything it
 * does not recognise is application/octet-stream and so refused unless that is allowed.
 */
export type Sniffed = { mime: string; ext: string };

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
 * Markup a browser would run: HTML, SVG or XML. Text otherwise, and so accepted as text/plain,
 * it would be a stored script waiting for a viewer that ignores Content-Type.
 */
function sniffMarkup(bytes: Uint8Array): Sniffed | null {
	const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024))
		.toString('utf8')
		.replace(/^\uFEFF/, '')
		.trimStart();
	if (HTML_TAGS.test(head)) return { mime: 'text/html', ext: 'html' };
	if (/^<svg[\s>]/i.test(head)) return { mime: 'image/svg+xml', ext: 'svg' };
	if (/^<\?xml[\s?]/i.test(head)) {
		return /<svg[\s>]/i.test(head)
			? { mime: 'image/svg+xml', ext: 'svg' }
			: { mime: 'application/xml', ext: 'xml' };
	}
	return null;
}

function isUtf8Text(bytes: Uint8Array): boolean {
	if (bytes.length === 0 || bytes.includes(0)) return false;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

export function sniff(bytes: Uint8Array): Sniffed {
	if (startsWith(bytes, ascii('%PDF-'))) return { mime: 'application/pdf', ext: 'pdf' };
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
		return { mime: 'image/png', ext: 'png' };
	}
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' };
	if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) {
		return { mime: 'image/gif', ext: 'gif' };
	}
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) {
		return { mime: 'image/webp', ext: 'webp' };
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
	if (isUtf8Text(bytes)) return sniffMarkup(bytes) ?? { mime: 'text/plain', ext: 'txt' };
	return OCTET;
}
