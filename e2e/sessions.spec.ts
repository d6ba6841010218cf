/**
 * Service delivery as people do it: a worker logs a session on a phone-sized screen, a coordinator
 * whose queue is already open sees it arrive and approves it, and the worker's open page shows the
 * approval and the bell counts it, all without anyone reloading. The API refuses what the policy
 * refuses.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
	ADMIN,
	ALLIED,
	COORDINATOR,
	DEMO_PASSWORD,
	SESSION_WORKER,
	WORKER
} from './support/accounts';

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const newNdisNumber = () => `43${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;

/** Yesterday in Sydney, as YYYY-MM-DD. */
function yesterday(): string {
	const now = new Date(Date.now() - 24 * 3600_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney' }).format(now);
}

async function signedInPage(browser: Browser, email: string, password: string, phone = false) {
	const context = await browser.newContext(
		phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}
	);
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/$/);
	return page;
}

let participantName: string;
let itemCode: string;

test.beforeAll(async ({ playwright, baseURL }) => {
	const api = await playwright.request.newContext({ baseURL });
	expect((await api.post('/api/v1/auth/login', { data: COORDINATOR })).status()).toBe(200);
	participantName = `E2E Sessions ${stamp()}`;
	const created = await api.post('/api/v1/participants', {
		data: {
			ndisNumber: newNdisNumber(),
			name: participantName,
			planStartDate: '2026-01-01',
			planEndDate: '2027-12-31',
			totalBudget: '20000.00'
		}
	});
	expect(created.status()).toBe(201);
	const participant = (await created.json()) as { id: string };
	const staff = await api.get(`/api/v1/users?q=${encodeURIComponent(SESSION_WORKER.email)}`);
	const worker = ((await staff.json()) as { data: { id: string }[] }).data[0]!;
	const assigned = await api.post(`/api/v1/participants/${participant.id}/staff`, {
		data: { userId: worker.id }
	});
	expect(assigned.status()).toBe(201);
	const items = await api.get('/api/v1/item-codes?q=01_011_0107_1_1&limit=1');
	itemCode = ((await items.json()) as { data: { code: string }[] }).data[0]!.code;
	await api.dispose();
});

async function logSession(page: Page, start: string, end: string) {
	await page.goto('/sessions/new');
	await page.getByLabel('Participant', { exact: true }).selectOption({ label: participantName });
	await page.getByLabel('Service type').fill('Personal care');
	await page.getByLabel('NDIS support item').fill(itemCode);
	await page.getByLabel('Date', { exact: true }).fill(yesterday());
	await page.getByLabel('Start', { exact: true }).fill(start);
	await page.getByLabel('End', { exact: true }).fill(end);
	await page.getByLabel('Notes (optional)').fill('Shower, breakfast and a walk to the shops.');
}

test('a coordinator approves and the worker sees it without reloading', async ({ browser }) => {
	const coordinator = await signedInPage(browser, COORDINATOR.email, DEMO_PASSWORD);
	await coordinator.goto(`/sessions?status=pending&q=${encodeURIComponent(participantName)}`);
	await expect(coordinator.getByText('Nothing waiting for approval.')).toBeVisible();

	const worker = await signedInPage(browser, SESSION_WORKER.email, SESSION_WORKER.password, true);
	await logSession(worker, '22:00', '06:30');
	await expect(worker.getByText('Duration: 8 h 30 min (ends the next day)')).toBeVisible();
	await worker.getByRole('button', { name: 'Submit for approval' }).click();
	await expect(worker).toHaveURL(/\/sessions\/[0-9a-f-]{36}\?logged=1/);
	await expect(worker.getByText('Waiting for approval')).toBeVisible();
	await expect(worker.getByText('22:00–06:30 (ends next day)')).toBeVisible();

	// The queue that was already open shows the new session by itself.
	const row = coordinator.getByRole('row', { name: new RegExp(participantName) });
	await expect(row).toBeVisible();
	await row.getByRole('button', { name: /^Approve/ }).click();
	await expect(coordinator.getByText('1 session approved.')).toBeVisible();
	await expect(row).toHaveCount(0);

	// The worker's page follows: status, and the bell with a toast.
	await expect(worker.getByText('Approved', { exact: true })).toBeVisible();
	await expect(worker.getByRole('status').filter({ hasText: 'Session approved' })).toBeVisible();
	await expect(worker.getByTestId('unread-count')).toHaveText('1');

	// The bell leads to the notification, which links back to the session.
	await worker.getByRole('link', { name: /Notifications, 1 unread/ }).click();
	await worker.getByRole('button', { name: /Mark “Session approved” read/ }).click();
	await expect(worker.getByTestId('unread-count')).toHaveCount(0);
	await worker.getByRole('link', { name: 'Session approved' }).click();
	await expect(worker.getByText('Approved', { exact: true })).toBeVisible();
	await worker.context().close();
	await coordinator.context().close();
});

test('an overlapping session is refused with the clash named, and a rejection carries its reason', async ({
	browser
}) => {
	const worker = await signedInPage(browser, SESSION_WORKER.email, SESSION_WORKER.password, true);
	await logSession(worker, '09:00', '11:00');
	await worker.getByRole('button', { name: 'Submit for approval' }).click();
	await expect(worker).toHaveURL(/\/sessions\/[0-9a-f-]{36}/);
	const firstUrl = worker.url();

	await logSession(worker, '10:30', '12:00');
	await worker.getByRole('button', { name: 'Submit for approval' }).click();
	await expect(worker.getByRole('alert')).toContainText(
		`Overlaps your 09:00–11:00 session with ${participantName}`
	);
	await expect(worker.locator('#s-startTime-error')).toContainText('Overlaps your 09:00–11:00');

	const coordinator = await signedInPage(browser, COORDINATOR.email, DEMO_PASSWORD);
	await coordinator.goto(firstUrl.replace(/\?.*$/, ''));
	await coordinator.getByRole('button', { name: 'Reject' }).click();
	await expect(coordinator.getByText('Reason is required: tell the worker why')).toBeVisible();
	await coordinator
		.getByLabel('Reason for rejecting')
		.fill('Please use the weekend item for Saturdays.');
	await coordinator.getByRole('button', { name: 'Reject' }).click();
	await expect(coordinator.getByText('Rejected. The worker has been notified')).toBeVisible();

	await worker.goto(firstUrl);
	await expect(worker.getByText('Please use the weekend item for Saturdays.')).toBeVisible();
	await worker.context().close();
	await coordinator.context().close();
});

test('the session-log API allows and refuses as the policy says', async ({
	playwright,
	baseURL
}) => {
	const expected: Record<string, { list: number; approveMissing: number; review: number }> = {
		[ADMIN.email]: { list: 200, approveMissing: 404, review: 200 },
		[COORDINATOR.email]: { list: 200, approveMissing: 404, review: 200 },
		[WORKER.email]: { list: 200, approveMissing: 403, review: 403 },
		[ALLIED.email]: { list: 200, approveMissing: 403, review: 403 }
	};
	const missing = '00000000-0000-4000-8000-000000000000';
	for (const [email, want] of Object.entries(expected)) {
		const api = await playwright.request.newContext({ baseURL });
		expect(
			(await api.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } })).status()
		).toBe(200);
		const seen = {
			list: (await api.get('/api/v1/session-logs?status=pending')).status(),
			approveMissing: (await api.post(`/api/v1/session-logs/${missing}/approve`)).status(),
			review: (
				await api.post('/api/v1/session-logs/review', {
					data: { ids: [missing], action: 'approve' }
				})
			).status()
		};
		expect(seen, email).toEqual(want);
		await api.dispose();
	}
	// Bad input answers 400 naming each field, in the contract's shape.
	const worker = await playwright.request.newContext({ baseURL });
	await worker.post('/api/v1/auth/login', {
		data: { email: WORKER.email, password: DEMO_PASSWORD }
	});
	const invalid = await worker.post('/api/v1/session-logs', {
		data: { participantId: 'nope', startTime: '9am', endTime: '17:00', sessionDate: '2026-13-01' }
	});
	expect(invalid.status()).toBe(400);
	const { error } = (await invalid.json()) as {
		error: { code: string; fields: Record<string, string> };
	};
	expect(error.code).toBe('validation');
	expect(Object.keys(error.fields).sort()).toEqual([
		'ndisItemCodeId',
		'participantId',
		'serviceType',
		'sessionDate',
		'startTime'
	]);
	const wrongType = await worker.post('/api/v1/session-logs', {
		headers: { 'content-type': 'application/xml' },
		data: '<session/>'
	});
	expect(wrongType.status()).toBe(415);
	await worker.dispose();

	const anonymous = await playwright.request.newContext({ baseURL });
	expect((await anonymous.get('/api/v1/session-logs')).status()).toBe(401);
	expect((await anonymous.get('/api/v1/notifications')).status()).toBe(401);
	await anonymous.dispose();
});
