/**
 * The price list and settings through the production server: who may call which endpoint (written
 * out here so a slip in the policy shows as a failure), and an administrator changing a system
 * setting in the browser, including the messages for a value that is not a number or out of bounds.
 */
import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ADMIN, ALLIED, COORDINATOR, DEMO_PASSWORD, WORKER } from './support/accounts';

type Call =
	'listItemCodes' | 'getItemCode' | 'listSystem' | 'patchSystem' | 'getMine' | 'patchMine';

const EVERYONE = { listItemCodes: 200, getItemCode: 200, getMine: 200, patchMine: 200 };
const EXPECTED: Record<string, Record<Call, number>> = {
	[ADMIN.email]: { ...EVERYONE, listSystem: 200, patchSystem: 200 },
	[COORDINATOR.email]: { ...EVERYONE, listSystem: 200, patchSystem: 403 },
	[WORKER.email]: { ...EVERYONE, listSystem: 403, patchSystem: 403 },
	[ALLIED.email]: { ...EVERYONE, listSystem: 403, patchSystem: 403 }
};
const KEY = 'documents.expiry_warning_days';
const LABEL = 'Expiry warning';
const CODE = '01_011_0107_1_1';

async function apiAs(
	playwright: PlaywrightWorkerArgs['playwright'],
	baseURL: string | undefined,
	email: string
) {
	const context = await playwright.request.newContext({ baseURL });
	const login = await context.post('/api/v1/auth/login', {
		data: { email, password: DEMO_PASSWORD }
	});
	expect(login.status()).toBe(200);
	return context;
}

async function settingValue(api: APIRequestContext, key: string): Promise<string> {
	const list = await (await api.get('/api/v1/settings/system')).json();
	return list.data.find((s: { key: string }) => s.key === key).value;
}

function calls(
	api: APIRequestContext,
	itemId: string,
	current: string
): Record<Call, () => Promise<number>> {
	return {
		listItemCodes: async () => (await api.get(`/api/v1/item-codes?q=${CODE}`)).status(),
		getItemCode: async () => (await api.get(`/api/v1/item-codes/${itemId}`)).status(),
		listSystem: async () => (await api.get('/api/v1/settings/system')).status(),
		// Writes the value it already has, so the matrix changes nothing.
		patchSystem: async () =>
			(await api.patch('/api/v1/settings/system', { data: { key: KEY, value: current } })).status(),
		getMine: async () => (await api.get('/api/v1/settings/me')).status(),
		patchMine: async () =>
			(
				await api.patch('/api/v1/settings/me', {
					data: { key: 'display.density', value: 'comfortable' }
				})
			).status()
	};
}

test.describe('the item-codes and settings API', () => {
	let itemId: string;
	let current: string;

	test.beforeAll(async ({ playwright, baseURL }) => {
		const api = await apiAs(playwright, baseURL, ADMIN.email);
		const list = await (await api.get(`/api/v1/item-codes?q=${CODE}`)).json();
		itemId = list.data.find((i: { code: string }) => i.code === CODE).id;
		current = await settingValue(api, KEY);
		await api.dispose();
	});

	for (const [email, expected] of Object.entries(EXPECTED)) {
		test(`${email} is allowed or refused as the policy says`, async ({ playwright, baseURL }) => {
			const api = await apiAs(playwright, baseURL, email);
			const call = calls(api, itemId, current);
			const seen: Record<string, number> = {};
			for (const name of Object.keys(expected) as Call[]) seen[name] = await call[name]();
			expect(seen).toEqual(expected);
			await api.dispose();
		});
	}

	test('anonymous callers are asked to sign in', async ({ playwright, baseURL }) => {
		const api = await playwright.request.newContext({ baseURL });
		const seen = await Promise.all(Object.values(calls(api, itemId, current)).map((c) => c()));
		expect(seen).toEqual([401, 401, 401, 401, 401, 401]);
		await api.dispose();
	});

	test('answers search, history, unknown ids and bad values in the contract shape', async ({
		playwright,
		baseURL
	}) => {
		const api = await apiAs(playwright, baseURL, WORKER.email);
		const list = await (await api.get(`/api/v1/item-codes?q=${CODE}&limit=5`)).json();
		expect(list).toMatchObject({ page: 1, limit: 5 });
		expect(list.data[0].price).toMatch(/^\d+\.\d{2}$/);
		const item = await (await api.get(`/api/v1/item-codes/${itemId}`)).json();
		expect(item.code).toBe(CODE);
		expect(item.prices.length).toBeGreaterThan(0);
		expect((await api.get('/api/v1/item-codes/not-a-uuid')).status()).toBe(404);
		expect(
			(await api.get('/api/v1/item-codes/00000000-0000-4000-8000-000000000000')).status()
		).toBe(404);
		expect((await api.get('/api/v1/item-codes?limit=500')).status()).toBe(400);
		const badPref = await api.patch('/api/v1/settings/me', {
			data: { key: 'display.density', value: 'tiny' }
		});
		expect(badPref.status()).toBe(400);
		expect((await badPref.json()).error.fields.value).toMatch(/compact/);
		await api.dispose();

		const admin = await apiAs(playwright, baseURL, ADMIN.email);
		const notNumber = await admin.patch('/api/v1/settings/system', {
			data: { key: KEY, value: 'soon' }
		});
		expect(notNumber.status()).toBe(400);
		expect((await notNumber.json()).error.fields).toEqual({ value: 'must be a number' });
		const readOnly = await admin.patch('/api/v1/settings/system', {
			data: { key: 'system.schema_version', value: '2' }
		});
		expect(readOnly.status()).toBe(403);
		expect((await readOnly.json()).error.message).toMatch(/read-only/);
		await admin.dispose();
	});
});

test.describe('settings in the browser', () => {
	let original: string;

	test.beforeAll(async ({ playwright, baseURL }) => {
		const api = await apiAs(playwright, baseURL, ADMIN.email);
		original = await settingValue(api, KEY);
		await api.dispose();
	});

	test.afterAll(async ({ playwright, baseURL }) => {
		const api = await apiAs(playwright, baseURL, ADMIN.email);
		const restored = await api.patch('/api/v1/settings/system', {
			data: { key: KEY, value: original }
		});
		expect(restored.status()).toBe(200);
		await api.dispose();
	});

	async function signIn(page: import('@playwright/test').Page, email: string) {
		await page.goto('/login');
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(/\/$/);
	}

	test('an administrator changes a setting; a value that is not a number, or out of its bounds, is explained', async ({
		page
	}) => {
		await signIn(page, ADMIN.email);
		await page.goto('/admin/settings');
		await expect(page.getByRole('heading', { name: 'System settings' })).toBeVisible();
		const field = page.getByLabel(KEY);
		// The bounds and their reason sit beside the field, and a screen reader hears them with it.
		await expect(field).toHaveAccessibleDescription(/1 to 365 whole days/);
		await field.fill('45');
		await page.getByRole('button', { name: `Save ${LABEL}` }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(
			`Saved ${LABEL}`
		);
		await page.reload();
		await expect(page.getByLabel(KEY)).toHaveValue('45');

		await page.getByLabel(KEY).fill('forty');
		await page.getByRole('button', { name: `Save ${LABEL}` }).click();
		await expect(page.getByLabel(KEY)).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByText('must be a number', { exact: true })).toBeVisible();
		await expect(page.locator('.error-summary')).toBeFocused();

		await page.getByLabel(KEY).fill('1.5');
		await page.getByRole('button', { name: `Save ${LABEL}` }).click();
		await expect(page.locator('.error-summary')).toBeFocused();
		await expect(page.locator('.error-summary')).toContainText(
			'must be a whole number from 1 to 365 days'
		);
		await page.reload();
		await expect(page.getByLabel(KEY)).toHaveValue('45');
		// Read-only settings are shown, not offered for editing.
		await expect(page.getByRole('button', { name: 'Save Settings version' })).toHaveCount(0);
	});

	test('a coordinator reads the settings without controls; a worker is refused', async ({
		page
	}) => {
		await signIn(page, COORDINATOR.email);
		await page.goto('/admin/settings');
		await expect(page.getByRole('heading', { name: 'System settings' })).toBeVisible();
		await expect(page.getByRole('button', { name: /^Save/ })).toHaveCount(0);
		await page.context().clearCookies();

		await signIn(page, WORKER.email);
		const response = await page.goto('/admin/settings');
		expect(response?.status()).toBe(403);
		await expect(page.getByRole('heading', { name: 'No access' })).toBeVisible();
	});

	test('a worker searches the price list, opens an item and saves their own preferences', async ({
		page
	}) => {
		await signIn(page, WORKER.email);
		await page.goto('/item-codes');
		await page.getByLabel('Search code or description').fill(CODE);
		await page.getByRole('button', { name: 'Apply' }).click();
		await page.getByRole('link', { name: CODE }).click();
		await expect(page.getByRole('heading', { name: CODE })).toBeVisible();
		await expect(page.getByRole('table', { name: /Price history/ })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Import a Support Catalogue' })).toHaveCount(0);

		await page.goto('/settings');
		await page.getByLabel('Table density').selectOption('compact');
		await page.getByRole('button', { name: 'Save preferences' }).click();
		// My settings has a status region per form; the preferences' one says it saved.
		await expect(page.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();
		await page.reload();
		await expect(page.getByLabel('Table density')).toHaveValue('compact');
		await page.getByLabel('Table density').selectOption('comfortable');
		await page.getByRole('button', { name: 'Save preferences' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();
	});

	test('an administrator previews a catalogue file, then confirms the import', async ({ page }) => {
		const lines = readFileSync('data/ndis/support-catalogue-2026-27-v1.0.csv', 'utf8').split('\n');
		await signIn(page, ADMIN.email);
		await page.goto('/item-codes');
		await page.getByLabel('Catalogue CSV (up to 5 MB)').setInputFiles({
			name: 'support-catalogue-2026-27-v1.0.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from([...lines.slice(0, 4), 'broken,line'].join('\n'))
		});
		await page.getByRole('button', { name: 'Preview import' }).click();
		const report = page.getByRole('status').filter({ hasText: 'would change' });
		await expect(report).toContainText(/Unchanged items\s*3/);
		await expect(page.getByRole('table', { name: /could not be read/ })).toBeVisible();
		await page.getByRole('button', { name: 'Confirm import' }).click();
		await expect(page.getByRole('heading', { name: /^Imported / })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Confirm import' })).toHaveCount(0);
	});
});
