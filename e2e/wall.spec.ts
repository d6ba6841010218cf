/**
 * Wall displays and the managers' views as people meet them: an administrator makes a display
 * link; a screen opened with it (nobody signed in) shows the budget figures live, and a
 * coordinator's approval changes them without the screen reloading; revoking the link stops the
 * screen at once and its page answers 401. The budget dashboard's charts read as tables too, and
 * the jobs page runs a job on request.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN, COORDINATOR, SESSION_WORKER } from './support/accounts';

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const newNdisNumber = () => `43${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;

/** A date some days back in Sydney, as YYYY-MM-DD. */
function daysAgo(days: number): string {
	const then = new Date(Date.now() - days * 24 * 3600_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney' }).format(then);
}

async function api(
	playwright: { request: { newContext(o: object): Promise<APIRequestContext> } },
	baseURL: string | undefined,
	login: { email: string; password: string }
) {
	const context = await playwright.request.newContext({ baseURL });
	expect((await context.post('/api/v1/auth/login', { data: login })).status()).toBe(200);
	return context;
}

let participantId: string;
let itemId: string;

test.beforeAll(async ({ playwright, baseURL }) => {
	const coordinator = await api(playwright, baseURL, COORDINATOR);
	const created = await coordinator.post('/api/v1/participants', {
		data: {
			ndisNumber: newNdisNumber(),
			name: `E2E Wall ${stamp()}`,
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

async function newDisplayToken(
	playwright: Parameters<typeof api>[0],
	baseURL: string | undefined,
	name: string
) {
	const admin = await api(playwright, baseURL, ADMIN);
	const made = await admin.post('/api/v1/display-tokens', { data: { name } });
	expect(made.status()).toBe(201);
	const body = (await made.json()) as { id: string; token: string };
	await admin.dispose();
	return body;
}

async function openWall(page: Page, path: string) {
	const response = await page.goto(path);
	expect(response?.status()).toBe(200);
	await expect(page.getByTestId('connection-state')).toHaveText('Live');
}

test('an approval changes the wall display’s figures without a reload', async ({
	browser,
	playwright,
	baseURL
}) => {
	const { token } = await newDisplayToken(playwright, baseURL, `Foyer ${stamp()}`);
	const worker = await api(playwright, baseURL, SESSION_WORKER);
	const logged = await worker.post('/api/v1/session-logs', {
		data: {
			participantId,
			ndisItemCodeId: itemId,
			serviceType: 'Personal care',
			sessionDate: daysAgo(3),
			startTime: '13:00',
			endTime: '15:00'
		}
	});
	expect(logged.status(), await logged.text()).toBe(201);
	const sessionId = ((await logged.json()) as { id: string }).id;
	await worker.dispose();

	// The screen: its own browser, nobody signed in.
	const screen = await (
		await browser.newContext({ viewport: { width: 1920, height: 1080 } })
	).newPage();
	let navigations = 0;
	screen.on('framenavigated', (frame) => {
		if (frame === screen.mainFrame()) navigations += 1;
	});
	await openWall(screen, `/wall/budget?token=${token}`);
	const used = screen.getByTestId('used-budget');
	const approved = screen.getByTestId('approved-today');
	const usedBefore = (await used.textContent())?.trim();
	const approvedBefore = Number((await approved.textContent())?.trim());
	const navigationsBefore = navigations;

	const coordinator = await api(playwright, baseURL, COORDINATOR);
	const approvedAt = Date.now();
	expect((await coordinator.post(`/api/v1/session-logs/${sessionId}/approve`)).status()).toBe(200);
	await coordinator.dispose();

	await expect(approved).toHaveText(String(approvedBefore + 1));
	await expect(used).not.toHaveText(usedBefore ?? '');
	test.info().annotations.push({
		type: 'approval → wall',
		description: `${Date.now() - approvedAt} ms until the screen showed it`
	});
	expect(navigations).toBe(navigationsBefore);
	await expect(screen.getByTestId('last-updated')).toContainText('Updated');
	await screen.context().close();
});

test('a revoked token stops the display, and its page answers 401', async ({
	browser,
	playwright,
	baseURL
}) => {
	const { id, token } = await newDisplayToken(playwright, baseURL, `Roster room ${stamp()}`);
	const screen = await (
		await browser.newContext({ viewport: { width: 3840, height: 2160 } })
	).newPage();
	await openWall(screen, `/wall/roster?token=${token}`);
	await expect(screen.getByTestId('shifts-today')).toBeVisible();

	const admin = await api(playwright, baseURL, ADMIN);
	expect((await admin.delete(`/api/v1/display-tokens/${id}`)).status()).toBe(204);
	await admin.dispose();

	await expect(screen.getByTestId('connection-state')).toHaveText('Access revoked');
	await expect(screen.getByRole('alert')).toContainText('access has been revoked');
	await expect(screen.getByTestId('shifts-today')).toHaveCount(0);
	const reloaded = await screen.reload();
	expect(reloaded?.status()).toBe(401);
	await expect(
		screen.getByRole('heading', { name: 'This display is not authorised' })
	).toBeVisible();
	expect((await screen.goto('/wall/budget'))?.status()).toBe(401);
	await screen.context().close();
});

async function signIn(page: Page, login: { email: string; password: string }) {
	await page.goto('/login');
	await page.getByLabel('Email').fill(login.email);
	await page.getByLabel('Password').fill(login.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/$/);
}

test('an administrator makes a display link, runs a job, and reads the budget charts as tables', async ({
	page
}) => {
	await signIn(page, ADMIN);
	await page.getByRole('button', { name: 'Admin', exact: true }).click();
	await page.getByRole('link', { name: 'Wall displays' }).click();
	const name = `Meeting room ${stamp()}`;
	await page.getByLabel('Name of the screen').fill(name);
	await page.getByRole('button', { name: 'Create display link' }).click();
	await expect(page.getByText(`“${name}” is ready`)).toBeVisible();
	const link = await page.getByTestId('budget-link').inputValue();
	expect(link).toMatch(/\/wall\/budget\?token=wd_[a-z2-7]{32}$/);
	await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Active');
	await page.getByRole('button', { name: `Revoke ${name}` }).click();
	await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Revoked');

	await page.getByRole('button', { name: 'Admin', exact: true }).click();
	await page.getByRole('link', { name: 'Jobs' }).click();
	await expect(page.getByRole('heading', { name: 'Background jobs' })).toBeVisible();
	await expect(page.getByRole('row', { name: /budget-usage/ })).toContainText('Daily at 02:00');
	await page.getByRole('button', { name: 'Run staff-stats now' }).click();
	await expect(page.getByText(/staff-stats queued \(job/)).toBeVisible();

	await page.getByRole('link', { name: 'Budgets' }).click();
	await expect(page.getByRole('heading', { name: 'Budget burn per participant' })).toBeVisible();
	const toggle = page.getByRole('button', { name: 'Show as table' }).first();
	await toggle.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Show as chart' }).first()).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(page.getByRole('table', { name: 'Budget burn per participant' })).toBeVisible();
	await page.getByLabel('Budget state').selectOption('overspending');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(/risk=overspending/);
});
