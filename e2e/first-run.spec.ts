/**
 * A newcomer's first run: the server is started as `npm run demo` starts it (playwright.config.ts
 * sets no ORIGIN), and the browser opens it at http://localhost or http://127.0.0.1. Signing in
 * through the form, posting a form and uploading a document work at both; over plain http there
 * is no HSTS and the session cookie is not Secure; the calendar-feed link names the address the
 * browser used; the uploaded file downloads with its exact bytes.
 */
import { expect, test, type Browser } from '@playwright/test';
import { minimalPdf } from '../src/lib/server/seed/files';
import { ADMIN, COORDINATOR } from './support/accounts';
import { apiAs, newNdisNumber, stamp } from './support/session';

const run = stamp();
let participantId = '';

test.beforeAll(async ({ playwright, baseURL }) => {
	const { context } = await apiAs(playwright, baseURL, ADMIN.email);
	const created = await context.post('/api/v1/participants', {
		data: { ndisNumber: newNdisNumber(), name: `E2E First run ${run}` }
	});
	expect(created.status()).toBe(201);
	participantId = (await created.json()).id;
	await context.dispose();
});

function addressesOf(baseURL: string | undefined) {
	const port = new URL(baseURL!).port;
	return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

async function openAt(browser: Browser, origin: string) {
	const context = await browser.newContext({ baseURL: origin });
	return { context, page: await context.newPage() };
}

test('signs in through the form at localhost and 127.0.0.1, over plain http', async ({
	browser,
	baseURL
}) => {
	for (const origin of addressesOf(baseURL)) {
		const { context, page } = await openAt(browser, origin);
		// Typed before hydration, the fields would be reset by it; wait it out.
		await page.goto('/login', { waitUntil: 'networkidle' });
		await page.getByLabel('Email').fill(COORDINATOR.email);
		await page.getByLabel('Password').fill(COORDINATOR.password);
		const posted = page.waitForResponse(
			(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'
		);
		await page.getByRole('button', { name: 'Sign in' }).click();
		const answer = await posted;
		expect(answer.status(), `${origin}: ${await answer.text()}`).toBeLessThan(400);
		await expect(page).toHaveURL(`${origin}/`);
		await expect(page.getByText(/Signed in as .+ \(Support coordinator\)/)).toBeVisible();

		expect(await answer.headerValue('strict-transport-security')).toBeNull();
		const session = (await context.cookies()).find((c) => c.name === 'session');
		expect(session, origin).toMatchObject({ httpOnly: true, secure: false, sameSite: 'Lax' });
		const home = await page.request.get('/');
		expect(home.headers()['strict-transport-security']).toBeUndefined();
		await context.close();
	}
});

test('uploads a document through the hub at both addresses, and it downloads intact', async ({
	browser,
	baseURL
}) => {
	for (const origin of addressesOf(baseURL)) {
		const { context, page } = await openAt(browser, origin);
		await page.goto('/login', { waitUntil: 'networkidle' });
		await page.getByLabel('Email').fill(COORDINATOR.email);
		await page.getByLabel('Password').fill(COORDINATOR.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(`${origin}/`);

		const host = new URL(origin).hostname;
		const documentName = `First run ${host} ${run}`;
		const pdf = minimalPdf(['First run', documentName]);
		await page.goto(`/participants/${participantId}`);
		const documents = page.getByRole('region', { name: 'Documents' });
		await documents.getByLabel('Drag a file here, or choose one').setInputFiles({
			name: `${documentName}.pdf`,
			mimeType: 'application/pdf',
			buffer: pdf
		});
		await documents.getByLabel('Name (optional').fill(documentName);
		await documents.getByLabel('Type').selectOption('assessment');
		await documents.getByRole('button', { name: 'Upload' }).click();
		await expect(page.getByRole('status')).toHaveText(`Uploaded “${documentName}”`);
		const link = documents.getByRole('link', { name: documentName });
		await expect(link).toBeVisible();

		// Compression must leave a download's bytes alone (the browser asks for br and gzip).
		const download = await page.request.get((await link.getAttribute('href'))!, {
			headers: { 'accept-encoding': 'br, gzip' }
		});
		expect(download.status()).toBe(200);
		expect(download.headers()['cache-control']).toBe('private, no-store');
		expect(Buffer.from(await download.body()).equals(pdf)).toBe(true);

		// A feed link a phone can subscribe to: this address, over http, not an https guess.
		const feed = await page.request.post('/api/v1/calendar-feed');
		expect(feed.status()).toBe(201);
		expect((await feed.json()).url).toMatch(new RegExp(`^${origin}/calendar/feed/\\w+\\.ics$`));
		expect((await page.request.delete('/api/v1/calendar-feed')).status()).toBe(204);
		await context.close();
	}
});
