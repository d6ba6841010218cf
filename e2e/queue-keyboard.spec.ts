/**
 * The approval queue by keyboard and screen reader: a coordinator's open queue announces a
 * session a worker submits meanwhile (who, for whom, when) and marks its row "New"; approving
 * or rejecting moves focus on to the next row's Approve button, and to the "nothing waiting"
 * message once the queue is empty, never back to the top of the page.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { COORDINATOR, QUEUE_WORKER } from './support/accounts';
import { apiAs, newNdisNumber, signIn, stamp } from './support/session';

/** A date some days back in Sydney, as YYYY-MM-DD. */
function daysAgo(days: number): string {
	const then = new Date(Date.now() - days * 24 * 3600_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney' }).format(then);
}

/** "8 Dec 2026", as the app writes dates. */
function written(date: string): string {
	const [y, m, d] = date.split('-').map(Number);
	const month = new Date(Date.UTC(y!, m! - 1, d!)).toLocaleString('en-AU', {
		month: 'short',
		timeZone: 'UTC'
	});
	return `${d} ${month} ${y}`;
}

let participantId: string;
let participantName: string;
let itemId: string;

test.beforeAll(async ({ playwright, baseURL }) => {
	const { context: coordinator } = await apiAs(playwright, baseURL, COORDINATOR.email);
	participantName = `E2E Queue ${stamp()}`;
	const created = await coordinator.post('/api/v1/participants', {
		data: {
			ndisNumber: newNdisNumber(),
			name: participantName,
			planStartDate: '2026-01-01',
			planEndDate: '2027-12-31',
			totalBudget: '20000.00'
		}
	});
	expect(created.status()).toBe(201);
	participantId = ((await created.json()) as { id: string }).id;
	const staff = await coordinator.get(`/api/v1/users?q=${encodeURIComponent(QUEUE_WORKER.email)}`);
	const worker = ((await staff.json()) as { data: { id: string }[] }).data[0]!;
	const assigned = await coordinator.post(`/api/v1/participants/${participantId}/staff`, {
		data: { userId: worker.id }
	});
	expect(assigned.status()).toBe(201);
	const items = await coordinator.get('/api/v1/item-codes?q=01_011_0107_1_1&limit=1');
	itemId = ((await items.json()) as { data: { id: string }[] }).data[0]!.id;
	await coordinator.dispose();
});

async function logSession(worker: APIRequestContext, sessionDate: string) {
	const logged = await worker.post('/api/v1/session-logs', {
		data: {
			participantId,
			ndisItemCodeId: itemId,
			serviceType: 'Personal care',
			sessionDate,
			startTime: '09:00',
			endTime: '11:00'
		}
	});
	expect(logged.status(), await logged.text()).toBe(201);
	return ((await logged.json()) as { id: string }).id;
}

test('a live arrival is announced and marked; focus follows approvals and rejections', async ({
	page,
	playwright,
	baseURL
}) => {
	const { context: worker } = await apiAs(
		playwright,
		baseURL,
		QUEUE_WORKER.email,
		QUEUE_WORKER.password
	);
	await logSession(worker, daysAgo(8));
	await logSession(worker, daysAgo(9));

	await signIn(page, COORDINATOR.email);
	// Connected before anything is submitted: Socket.IO connects over long polling, then
	// upgrades to a WebSocket; the network is idle only once the polling has stopped.
	await page.goto(`/sessions?status=pending&q=${encodeURIComponent(participantName)}`, {
		waitUntil: 'networkidle'
	});
	const rows = page.locator('tr[data-session-id]');
	await expect(rows).toHaveCount(2);
	await expect(page.getByText('New', { exact: true })).toHaveCount(0);

	// Submitted elsewhere while the queue is open: announced politely, and marked in words.
	const arrivalDate = daysAgo(7);
	const arrivalId = await logSession(worker, arrivalDate);
	// In the coordinator's own time format (24- or 12-hour, a preference).
	const announcement = new RegExp(
		`^New session from ${QUEUE_WORKER.name} for ${participantName}, ${written(arrivalDate)} ` +
			'(09:00–11:00|9:00 am–11:00 am)$'
	);
	await expect(page.getByRole('status').filter({ hasText: announcement })).toHaveCount(1);
	const arrival = page.locator(`tr[data-session-id="${arrivalId}"]`);
	await expect(arrival.getByText('New', { exact: true })).toBeVisible();
	await expect(rows).toHaveCount(3);
	await expect(page.getByText('New', { exact: true })).toHaveCount(1);

	// Newest first: the arrival, then the two logged before.
	const order = await rows.evaluateAll((trs) =>
		trs.map((tr) => tr.getAttribute('data-session-id'))
	);
	expect(order[0]).toBe(arrivalId);
	const approve = (id: string | null) =>
		page.locator(`tr[data-session-id="${id}"]`).getByRole('button', { name: /^Approve/ });

	// Approve the first row from the keyboard: focus lands on the next row's Approve.
	await approve(order[0]!).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('1 session approved.')).toBeVisible();
	await expect(rows).toHaveCount(2);
	await expect(approve(order[1]!)).toBeFocused();

	// Reject that one through the bulk controls, by keyboard: focus goes on to the last row.
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.press('Shift+Tab');
	await expect(
		page.locator(`tr[data-session-id="${order[1]}"]`).getByRole('checkbox')
	).toBeFocused();
	await page.keyboard.press('Space');
	await page.getByRole('button', { name: 'Reject selected…' }).focus();
	await page.keyboard.press('Enter');
	await page.getByLabel(/Reason for rejecting/).fill('Please add the shopping trip to the notes.');
	await page.getByRole('button', { name: 'Reject 1 session' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('1 session rejected.')).toBeVisible();
	await expect(rows).toHaveCount(1);
	await expect(approve(order[2]!)).toBeFocused();

	// The last one: focus goes to the message that nothing is left, not to the page.
	await page.keyboard.press('Enter');
	await expect(page.getByText('1 session approved.')).toBeVisible();
	await expect(rows).toHaveCount(0);
	await expect(page.getByText('Nothing waiting for approval.')).toBeFocused();

	await worker.dispose();
});
