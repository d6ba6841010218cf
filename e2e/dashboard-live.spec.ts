/**
 * Dashboards stay live: a coordinator looking at the home dashboard and a wall display in the
 * foyer both see a worker's new session waiting for approval without anyone reloading, the wall
 * within a couple of seconds (not at the next minute's refresh). The figure on the dashboard
 * opens the approval queue it counts.
 */
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, COORDINATOR, SESSION_WORKER } from './support/accounts';
import { apiAs, newNdisNumber, signIn, stamp } from './support/session';

/** A date some days back in Sydney, as YYYY-MM-DD. */
function daysAgo(days: number): string {
	const then = new Date(Date.now() - days * 24 * 3600_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney' }).format(then);
}

const figure = async (locator: ReturnType<Page['getByTestId']>) =>
	Number(((await locator.textContent()) ?? '').replace(/[^\d]/g, ''));

let participantId: string;
let itemId: string;

test.beforeAll(async ({ playwright, baseURL }) => {
	const { context: coordinator } = await apiAs(
		playwright,
		baseURL,
		COORDINATOR.email,
		COORDINATOR.password
	);
	const created = await coordinator.post('/api/v1/participants', {
		data: {
			ndisNumber: newNdisNumber(),
			name: `E2E Live ${stamp()}`,
			planStartDate: '2026-01-01',
			planEndDate: '2027-12-31',
			totalBudget: '30000.00'
		}
	});
	expect(created.status()).toBe(201);
	participantId = ((await created.json()) as { id: string }).id;
	const staff = await coordinator.get(
		`/api/v1/users?q=${encodeURIComponent(SESSION_WORKER.email)}`
	);
	const worker = ((await staff.json()) as { data: { id: string }[] }).data[0]!;
	await coordinator.post(`/api/v1/participants/${participantId}/staff`, {
		data: { userId: worker.id }
	});
	const items = await coordinator.get('/api/v1/item-codes?q=01_011_0107_1_1&limit=1');
	itemId = ((await items.json()) as { data: { id: string }[] }).data[0]!.id;
	await coordinator.dispose();
});

test('a submitted session reaches the coordinator’s dashboard and the wall without a reload', async ({
	browser,
	playwright,
	baseURL
}) => {
	const { context: admin } = await apiAs(playwright, baseURL, ADMIN.email, ADMIN.password);
	const made = await admin.post('/api/v1/display-tokens', { data: { name: `Office ${stamp()}` } });
	expect(made.status()).toBe(201);
	const { token } = (await made.json()) as { token: string };
	await admin.dispose();

	// The coordinator's browser, on the dashboard.
	const desk = await (await browser.newContext()).newPage();
	await signIn(desk, COORDINATOR.email, COORDINATOR.password);
	let navigations = 0;
	desk.on('framenavigated', (frame) => {
		if (frame === desk.mainFrame()) navigations += 1;
	});
	const pending = desk.getByTestId('pending-approvals');
	await expect(pending).toBeVisible();

	// The wall display: its own browser, nobody signed in.
	const wall = await (
		await browser.newContext({ viewport: { width: 1920, height: 1080 } })
	).newPage();
	expect((await wall.goto(`/wall/budget?token=${token}`))?.status()).toBe(200);
	await expect(wall.getByTestId('connection-state')).toHaveText('Live');
	const wallPending = wall.getByTestId('pending-approvals');

	// Both sockets are up before the change, so neither can miss it.
	await desk.waitForLoadState('networkidle');
	await desk.waitForTimeout(500);
	const deskBefore = await figure(pending.locator('.value'));
	const wallBefore = await figure(wallPending);
	const navigationsBefore = navigations;

	const { context: worker } = await apiAs(
		playwright,
		baseURL,
		SESSION_WORKER.email,
		SESSION_WORKER.password
	);
	const submittedAt = Date.now();
	const logged = await worker.post('/api/v1/session-logs', {
		data: {
			participantId,
			ndisItemCodeId: itemId,
			serviceType: 'Personal care',
			sessionDate: daysAgo(2),
			startTime: '09:00',
			endTime: '10:30'
		}
	});
	expect(logged.status(), await logged.text()).toBe(201);
	const sessionId = ((await logged.json()) as { id: string }).id;

	// The wall follows within a couple of seconds, not at the next minute's refresh.
	await expect(wallPending).toHaveText(String(wallBefore + 1), { timeout: 2_500 });
	const wallMs = Date.now() - submittedAt;
	await expect(pending.locator('.value')).toHaveText(String(deskBefore + 1), { timeout: 5_000 });
	const deskMs = Date.now() - submittedAt;
	test.info().annotations.push({
		type: 'submission → figures',
		description: `wall ${wallMs} ms, coordinator's dashboard ${deskMs} ms`
	});
	expect(navigations).toBe(navigationsBefore);

	// The figure opens the queue it counts, oldest first.
	await pending.getByRole('link', { name: 'Sessions awaiting approval' }).click();
	await expect(desk).toHaveURL(/\/sessions\?status=pending/);
	await expect(desk.locator('tr[data-session-id]').first()).toBeVisible();

	// Withdrawn again: the wall follows that too, and the next run starts from the same figures.
	expect((await worker.delete(`/api/v1/session-logs/${sessionId}`)).status()).toBe(204);
	await worker.dispose();
	await expect(wallPending).toHaveText(String(wallBefore), { timeout: 2_500 });
	await desk.context().close();
	await wall.context().close();
});
