/**
 * The dashboard and the staff directory through the production server: each role lands on its own
 * dashboard (and frontline staff see no organisation totals), and who may call the staff API is a
 * table written out here, so a slip in the policy shows as a failure.
 */
import { expect, test, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { ADMIN, ALLIED, COORDINATOR, DEMO_PASSWORD, WORKER } from './support/accounts';

async function signIn(page: Page, email: string) {
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/$/);
}

const HEADINGS: [string, string][] = [
	[ADMIN.email, 'Organisation at a glance'],
	[COORDINATOR.email, 'Waiting for approval'],
	[WORKER.email, 'My day'],
	[ALLIED.email, 'My day']
];

test.describe('the dashboard', () => {
	for (const [email, heading] of HEADINGS) {
		test(`${email} sees "${heading}"`, async ({ page }) => {
			await signIn(page, email);
			await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
			await expect(page.getByRole('heading', { name: heading })).toBeVisible();
		});
	}

	test("a worker's dashboard shows their day, not the organisation's totals", async ({ page }) => {
		await signIn(page, WORKER.email);
		await expect(page.getByRole('heading', { name: "Today's sessions" })).toBeVisible();
		await expect(page.getByText('Sessions awaiting approval')).toBeVisible();
		for (const orgOnly of [
			'Organisation at a glance',
			'Invoices by status',
			'Waiting for approval'
		]) {
			await expect(page.getByRole('heading', { name: orgOnly, exact: true })).toHaveCount(0);
		}
		await expect(page.getByText('Active participants')).toHaveCount(0);
		await expect(page.getByText('Overdue invoices')).toHaveCount(0);
	});
});

type Call = 'list' | 'get' | 'patch';
const EXPECTED: Record<string, Record<Call, number>> = {
	[ADMIN.email]: { list: 200, get: 200, patch: 200 },
	[COORDINATOR.email]: { list: 200, get: 200, patch: 200 },
	[WORKER.email]: { list: 200, get: 200, patch: 403 },
	[ALLIED.email]: { list: 200, get: 200, patch: 403 }
};

async function apiAs(
	playwright: PlaywrightWorkerArgs['playwright'],
	baseURL: string | undefined,
	email?: string
) {
	const context = await playwright.request.newContext({ baseURL });
	if (email) {
		const login = await context.post('/api/v1/auth/login', {
			data: { email, password: DEMO_PASSWORD }
		});
		expect(login.status()).toBe(200);
	}
	return context;
}

test.describe('the staff API', () => {
	let target: { id: string; status: string };

	test.beforeAll(async ({ playwright, baseURL }) => {
		const api = await apiAs(playwright, baseURL, ADMIN.email);
		const list = await (await api.get('/api/v1/staff?q=isla.campbell')).json();
		target = list.data[0];
		expect(target?.id).toBeTruthy();
		await api.dispose();
	});

	for (const [email, expected] of Object.entries(EXPECTED)) {
		test(`${email} is allowed or refused as the policy says`, async ({ playwright, baseURL }) => {
			const api = await apiAs(playwright, baseURL, email);
			const seen: Record<Call, number> = {
				list: (await api.get('/api/v1/staff')).status(),
				get: (await api.get(`/api/v1/staff/${target.id}`)).status(),
				// The same status it already has: allowed callers change nothing visible.
				patch: (
					await api.patch(`/api/v1/staff/${target.id}`, { data: { status: target.status } })
				).status()
			};
			expect(seen).toEqual(expected);
			await api.dispose();
		});
	}

	test('anonymous callers are asked to sign in', async ({ playwright, baseURL }) => {
		const api = await apiAs(playwright, baseURL);
		expect((await api.get('/api/v1/staff')).status()).toBe(401);
		expect((await api.patch(`/api/v1/staff/${target.id}`, { data: {} })).status()).toBe(401);
		await api.dispose();
	});

	test('lists in the contract shape, filters, and validates changes', async ({
		playwright,
		baseURL
	}) => {
		const api = await apiAs(playwright, baseURL, COORDINATOR.email);
		const list = await (await api.get('/api/v1/staff?role=allied_health&limit=2')).json();
		expect(list).toMatchObject({ page: 1, limit: 2 });
		expect(list.total).toBeGreaterThanOrEqual(list.data.length);
		expect(list.data.every((s: { role: string }) => s.role === 'allied_health')).toBe(true);
		expect(list.data[0].hourlyRate).toMatch(/^\d+\.\d{2}$/);
		expect(list.data[0]).toHaveProperty('userId');

		expect((await api.get('/api/v1/staff?status=retired')).status()).toBe(400);
		const invalid = await api.patch(`/api/v1/staff/${target.id}`, {
			data: { hourlyRate: '-1.999', status: 'fired' }
		});
		expect(invalid.status()).toBe(400);
		const { error } = await invalid.json();
		expect(error.code).toBe('validation');
		expect(Object.keys(error.fields).sort()).toEqual(['hourlyRate', 'status']);
		const unknown = await api.patch('/api/v1/staff/00000000-0000-4000-8000-000000000000', {
			data: { status: 'active' }
		});
		expect(unknown.status()).toBe(404);
		await api.dispose();
	});
});
