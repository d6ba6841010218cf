/**
 * A participant's care through the production server, as people do it: a coordinator creates a
 * participant, assigns the worker, adds a goal, uploads a document (a real PDF through the file
 * input) and finds it with the header's search box; the worker then sees that participant and
 * no one else's; the document downloads with its exact bytes; the hub's export button gives a ZIP
 * holding the participant. Names carry a per-run stamp, since the e2e database keeps old runs.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { minimalPdf } from '../src/lib/server/seed/files';
import { ADMIN, COORDINATOR, WORKER } from './support/accounts';
import { apiAs, newNdisNumber, signIn, stamp } from './support/session';

const run = stamp();
const name = `E2E Care ${run}`;
const documentName = `Care plan ${run}`;
const pdf = minimalPdf(['Care plan', `Journey ${run}`]);

// Each step builds on the one before: the participant, the assignment, the document.
test.describe.configure({ mode: 'serial' });

let participantId = '';
let othersId = '';
let workerId = '';
let downloadHref = '';

async function newPage(browser: Browser, email: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, email);
	return { context, page };
}

test.beforeAll(async ({ playwright, baseURL }) => {
	const { context: worker, me } = await apiAs(playwright, baseURL, WORKER.email);
	workerId = me.id;
	await worker.dispose();
	// Same stamp, never assigned: the worker's search for the stamp must not find it.
	const { context: admin } = await apiAs(playwright, baseURL, ADMIN.email);
	const other = await admin.post('/api/v1/participants', {
		data: { ndisNumber: newNdisNumber(), name: `E2E Care ${run} not assigned` }
	});
	expect(other.status()).toBe(201);
	othersId = (await other.json()).id;
	await admin.dispose();
});

test('a coordinator creates a participant, assigns the worker, adds a goal and files a document', async ({
	browser
}) => {
	const { context, page } = await newPage(browser, COORDINATOR.email);
	await page.goto('/participants');
	await page.getByRole('link', { name: 'New participant' }).click();
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByLabel('NDIS number').fill(newNdisNumber());
	await page.getByRole('button', { name: 'Create participant' }).click();
	await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
	participantId = new URL(page.url()).pathname.split('/').pop()!;

	await page.getByLabel('Assign staff member').selectOption(workerId);
	await page.getByRole('button', { name: 'Assign', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText('Staff member assigned');

	const goals = page.getByRole('region', { name: 'Goals' });
	await goals.getByLabel('Category').fill('Community access');
	await goals.getByLabel('Goal', { exact: true }).fill(`Catch the bus to work ${run}`);
	await goals.getByRole('button', { name: 'Add goal' }).click();
	await expect(page.getByRole('status')).toHaveText('Goal added');
	await expect(goals).toContainText(`Catch the bus to work ${run}`);

	const documents = page.getByRole('region', { name: 'Documents' });
	await expect(documents).toContainText('No documents yet.');
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
	await expect(documents).toContainText('Current');
	downloadHref = (await link.getAttribute('href'))!;

	// Read-only sections a coordinator sees, empty for a new participant.
	for (const section of ['Recent sessions', 'Invoices', 'Upcoming events']) {
		await expect(page.getByRole('region', { name: section })).toBeVisible();
	}

	await page.getByLabel('Search', { exact: true }).fill(documentName);
	await page.getByLabel('Search', { exact: true }).press('Enter');
	await expect(page).toHaveURL(/\/search\?q=/);
	const found = page.getByRole('region', { name: 'Documents' });
	await expect(found.getByRole('link', { name: documentName })).toBeVisible();
	await context.close();
});

test('the worker then sees that participant and no one else’s', async ({
	browser,
	playwright,
	baseURL
}) => {
	const { context, page } = await newPage(browser, WORKER.email);
	await page.goto('/participants');
	await page.getByLabel('Search name or NDIS number').fill(`E2E Care ${run}`);
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/q=/);
	const rows = page.getByRole('link', { name: /^E2E Care / });
	await expect(rows).toHaveCount(1);
	await rows.first().click();
	await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Documents' })).toContainText(documentName);
	await expect(page.getByRole('link', { name: 'Export all records' })).toHaveCount(0);
	await expect(page.getByRole('region', { name: 'Invoices' })).toHaveCount(0);

	const response = await page.goto(`/participants/${othersId}`);
	expect(response?.status()).toBe(404);
	expect((await page.request.get(`/api/v1/participants/${participantId}/export`)).status()).toBe(
		403
	);
	await context.close();

	// Everyone in the worker's whole list has the worker among their staff.
	const { context: api } = await apiAs(playwright, baseURL, WORKER.email);
	const { context: admin } = await apiAs(playwright, baseURL, ADMIN.email);
	const listed: string[] = [];
	for (let page = 1; ; page++) {
		const body = await (await api.get(`/api/v1/participants?limit=100&page=${page}`)).json();
		listed.push(...body.data.map((p: { id: string }) => p.id));
		if (listed.length >= body.total) break;
	}
	expect(listed).toContain(participantId);
	expect(listed).not.toContain(othersId);
	for (const id of listed) {
		const staff = await (await admin.get(`/api/v1/participants/${id}/staff`)).json();
		expect(staff.data.map((s: { userId: string }) => s.userId)).toContain(workerId);
	}
	await api.dispose();
	await admin.dispose();
});

test('the document downloads with its exact bytes, for the coordinator and the worker', async ({
	browser
}) => {
	for (const email of [COORDINATOR.email, WORKER.email]) {
		const { context, page } = await newPage(browser, email);
		const response = await page.request.get(downloadHref);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('application/pdf');
		expect(response.headers()['content-disposition']).toMatch(
			/^attachment; filename="Care plan [a-z0-9]+\.pdf"; filename\*=UTF-8''Care%20plan%20[a-z0-9]+\.pdf$/
		);
		expect(Buffer.from(await response.body())).toEqual(pdf);
		await context.close();
	}
});

test('the hub’s export button downloads a ZIP of everything held about the participant', async ({
	browser
}) => {
	const { context, page } = await newPage(browser, COORDINATOR.email);
	await page.goto(`/participants/${participantId}`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Export all records' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^participant-43\d{7}-\d{4}-\d{2}-\d{2}\.zip$/);
	const bytes = await readFile((await download.path())!);
	expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
	const files = unzipSync(new Uint8Array(bytes));
	expect(JSON.parse(strFromU8(files['participant.json']!))).toMatchObject({
		id: participantId,
		name
	});
	const [document] = JSON.parse(strFromU8(files['documents.json']!));
	expect(Buffer.from(files[document.file]!)).toEqual(pdf);
	expect(JSON.parse(strFromU8(files['goals.json']!))[0].goal).toBe(`Catch the bus to work ${run}`);

	// The export is in the participant's history on the hub.
	await page.reload();
	await expect(page.getByRole('table', { name: 'Changes to this record' })).toContainText(
		'Exported all records'
	);
	await context.close();
});
