/**
 * The documents upload endpoint as a client meets it over HTTP: a file's type is what its bytes
 * say, whatever its name (an executable or an HTML page named .pdf answers 415), a file over the
 * limit answers 413, and a hostile name neither chooses where the file lands nor reaches the
 * download's headers unescaped.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { minimalPdf } from '../src/lib/server/seed/files';
import { COORDINATOR } from './support/accounts';
import { apiAs } from './support/session';

let api: APIRequestContext;
let origin: string;

test.beforeAll(async ({ playwright, baseURL }) => {
	({ context: api } = await apiAs(playwright, baseURL, COORDINATOR.email));
	origin = new URL(baseURL!).origin;
});
test.afterAll(() => api.dispose());

// SvelteKit refuses a multipart POST whose Origin is not its own (CSRF), as a browser would send.
const upload = (name: string, buffer: Buffer, fields: Record<string, string> = {}) =>
	api.post('/api/v1/documents', {
		headers: { Origin: origin },
		multipart: { file: { name, mimeType: 'application/pdf', buffer }, type: 'report', ...fields }
	});

test('refuses an executable and an HTML page disguised as PDFs with 415', async () => {
	const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
	const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);
	const html = Buffer.from('<!doctype html><script>fetch("/api/v1/me")</script>');
	for (const [bytes, type] of [
		[elf, 'application/x-executable'],
		[exe, 'application/x-msdownload'],
		[html, 'text/html']
	] as const) {
		const response = await upload('invoice.pdf', bytes);
		expect(response.status()).toBe(415);
		const { error } = await response.json();
		expect(error.code).toBe('unsupported_media_type');
		expect(error.message).toContain(type);
	}
	const notMultipart = await api.post('/api/v1/documents', { data: { type: 'report' } });
	expect(notMultipart.status()).toBe(415);
});

test('refuses HTML after ordinary text, and image magic followed by markup, saying why', async () => {
	const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	for (const [name, bytes, why] of [
		[
			'shift-notes.txt',
			Buffer.from('Shift notes for Tuesday\n\n<html><body><script>fetch("/api/v1/me")</script>'),
			'contains markup a browser would run (<html>…)'
		],
		[
			'photo.png',
			Buffer.concat([png, Buffer.from('<svg onload="fetch(\'/api/v1/me\')">')]),
			'begins like a PNG image but is not a valid one'
		]
	] as const) {
		const response = await upload(name, bytes, { type: 'photo' });
		expect(response.status(), name).toBe(415);
		const { error } = await response.json();
		expect(error.code).toBe('unsupported_media_type');
		expect(error.message).toBe(`This file ${why}, so it is not accepted`);
		expect(error.fields.file).toBe(why);
	}
});

test('refuses a file over the upload limit with 413', async () => {
	const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
	big.write('%PDF-1.4');
	const response = await upload('big.pdf', big);
	expect(response.status()).toBe(413);
	expect((await response.json()).error.code).toBe('payload_too_large');
});

test('defuses a hostile name: no directories, and a header-safe download', async () => {
	const pdf = minimalPdf(['Hostile name']);
	const created = await upload('../../etc/passwd', pdf, {
		name: 'Report "final"\r\nSet-Cookie: stolen=1; x=<y>'
	});
	expect(created.status()).toBe(201);
	const document = await created.json();
	expect(document.name).not.toMatch(/[\r\n/\\]/);
	const fromPath = await upload('../../etc/passwd', pdf);
	expect((await fromPath.json()).name).toBe('passwd');

	const download = await api.get(`/documents/${document.id}/download`);
	expect(download.status()).toBe(200);
	expect(Buffer.from(await download.body())).toEqual(pdf);
	const disposition = download.headers()['content-disposition']!;
	// One quoted ASCII name and one percent-encoded UTF-8 name: nothing can break out of either.
	expect(disposition).toMatch(
		/^attachment; filename="[A-Za-z0-9._ ()-]+"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/
	);
	expect(download.headers()['set-cookie'] ?? '').not.toContain('stolen');
	expect(download.headers()['x-content-type-options']).toBe('nosniff');
});
