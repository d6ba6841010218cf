/**
 * Account administration and the audit trail through the production server: who may call which
 * endpoint (a table written out here, so a slip in the policy shows as a failure rather than being
 * copied into the expectation), and an administrator's journey from creating an account to
 * finding its deactivation in the audit log.
 */
import {
	expect,
	test,
	type APIRequestContext,
	type Page,
	type PlaywrightWorkerArgs
} from '@playwright/test';
import { ADMIN, ALLIED, COORDINATOR, DEMO_PASSWORD, WORKER } from './support/accounts';

type Call = 'listUsers' | 'createUser' | 'patchUser' | 'listAudit' | 'recordHistory';

const EXPECTED: Record<string, Record<Call, number>> = {
	[ADMIN.email]: {
		listUsers: 200,
		createUser: 201,
		patchUser: 200,
		listAudit: 200,
		recordHistory: 200
	},
	[COORDINATOR.email]: {
		listUsers: 200,
		createUser: 403,
		patchUser: 403,
		listAudit: 403,
		recordHistory: 200
	},
	[WORKER.email]: {
		listUsers: 200,
		createUser: 403,
		patchUser: 403,
		listAudit: 403,
		recordHistory: 403
	},
	[ALLIED.email]: {
		listUsers: 200,
		createUser: 403,
		patchUser: 403,
		listAudit: 403,
		recordHistory: 403
	}
};

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const newUser = (tag: string) => ({
	name: `E2E ${tag} ${stamp()}`,
	email: `e2e-${tag}-${stamp()}@example.test`,
	role: 'support_worker',
	password: 'e2e-initial-password-2026'
});

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
	return { context, me: (await login.json()).user as { id: string } };
}

function calls(api: APIRequestContext, targetId: string): Record<Call, () => Promise<number>> {
	return {
		listUsers: async () => (await api.get('/api/v1/users')).status(),
		createUser: async () => (await api.post('/api/v1/users', { data: newUser('matrix') })).status(),
		patchUser: async () =>
			(
				await api.patch(`/api/v1/users/${targetId}`, {
					data: { name: `E2E renamed ${stamp()}` }
				})
			).status(),
		listAudit: async () => (await api.get('/api/v1/audit-logs')).status(),
		recordHistory: async () =>
			(await api.get(`/api/v1/audit-logs?tableName=users&recordId=${targetId}`)).status()
	};
}

test.describe('the users and audit-log API', () => {
	let targetId: string;

	test.beforeAll(async ({ playwright, baseURL }) => {
		const { context } = await apiAs(playwright, baseURL, ADMIN.email);
		const created = await context.post('/api/v1/users', { data: newUser('target') });
		expect(created.status()).toBe(201);
		targetId = (await created.json()).id;
		await context.dispose();
	});

	for (const [email, expected] of Object.entries(EXPECTED)) {
		test(`${email} is allowed or refused as the policy says`, async ({ playwright, baseURL }) => {
			const { context } = await apiAs(playwright, baseURL, email);
			const call = calls(context, targetId);
			const seen: Record<string, number> = {};
			for (const name of Object.keys(expected) as Call[]) seen[name] = await call[name]();
			expect(seen).toEqual(expected);
			await context.dispose();
		});
	}

	test('anonymous callers are asked to sign in', async ({ playwright, baseURL }) => {
		const context = await playwright.request.newContext({ baseURL });
		const seen = await Promise.all(Object.values(calls(context, targetId)).map((call) => call()));
		expect(seen).toEqual([401, 401, 401, 401, 401]);
		await context.dispose();
	});

	test('frontline staff see only their own account and cannot raise their own role', async ({
		playwright,
		baseURL
	}) => {
		const { context, me } = await apiAs(playwright, baseURL, WORKER.email);
		const list = await (await context.get('/api/v1/users')).json();
		expect(list.data.map((u: { id: string }) => u.id)).toEqual([me.id]);
		const raise = await context.patch(`/api/v1/users/${me.id}`, {
			data: { role: 'super_admin' }
		});
		expect(raise.status()).toBe(403);
		expect((await (await context.get(`/api/v1/users/${me.id}`)).json()).role).toBe(
			'support_worker'
		);
		await context.dispose();
	});

	test('answers validation, duplicates, unknown ids and self-lockout in the contract shape', async ({
		playwright,
		baseURL
	}) => {
		const { context, me } = await apiAs(playwright, baseURL, ADMIN.email);
		const invalid = await context.post('/api/v1/users', {
			data: { name: '', email: 'nope', role: 'boss', password: 'short' }
		});
		expect(invalid.status()).toBe(400);
		expect(Object.keys((await invalid.json()).error.fields).sort()).toEqual([
			'email',
			'name',
			'password',
			'role'
		]);

		const account = newUser('dup');
		expect((await context.post('/api/v1/users', { data: account })).status()).toBe(201);
		const duplicate = await context.post('/api/v1/users', { data: account });
		expect(duplicate.status()).toBe(409);
		expect((await duplicate.json()).error.fields).toEqual({
			email: 'is already used by another account'
		});

		const listed = await (await context.get(`/api/v1/users?q=${account.email}`)).json();
		expect(listed).toMatchObject({ total: 1, page: 1, limit: 25 });
		expect(listed.data[0]).not.toHaveProperty('passwordHash');

		expect((await context.get('/api/v1/users/not-a-uuid')).status()).toBe(404);
		expect(
			(
				await context.patch('/api/v1/users/00000000-0000-4000-8000-000000000000', {
					data: { name: 'Nobody' }
				})
			).status()
		).toBe(404);
		expect((await context.get('/api/v1/users?limit=500')).status()).toBe(400);

		const selfLockout = await context.patch(`/api/v1/users/${me.id}`, {
			data: { isActive: false }
		});
		expect(selfLockout.status()).toBe(409);
		expect((await selfLockout.json()).error.message).toBe('You cannot deactivate your own account');
		const selfDemote = await context.patch(`/api/v1/users/${me.id}`, {
			data: { role: 'support_worker' }
		});
		expect(selfDemote.status()).toBe(409);
		await context.dispose();
	});
});

async function signIn(page: Page, email: string) {
	await page.goto('/login');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/$/);
}

test.describe('administering accounts in the browser', () => {
	test('an administrator creates, finds and deactivates an account, then finds it in the audit log', async ({
		page
	}) => {
		await signIn(page, ADMIN.email);
		const main = page.getByRole('navigation', { name: 'Main' });
		await main.getByRole('button', { name: 'Admin', exact: true }).click();
		await main.getByRole('link', { name: 'Users' }).click();
		await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();

		const account = newUser('journey');
		const form = page.getByRole('group', { name: 'Add an account' });
		await form.getByLabel('Name').fill(account.name);
		await form.getByLabel('Email').fill(account.email);
		await form.getByLabel('Role').selectOption('allied_health');
		await form.getByLabel('Initial password').fill(account.password);
		await form.getByRole('button', { name: 'Create account' }).click();
		await expect(page.getByRole('status')).toHaveText(`Created an account for ${account.name}`);

		await page.getByLabel('Search name or email').fill(account.email);
		await page.getByRole('button', { name: 'Apply' }).click();
		await expect(page).toHaveURL(/q=/);
		const row = page.getByRole('row', { name: new RegExp(account.name) });
		await expect(row).toContainText('Active');

		await row.getByRole('button', { name: `Deactivate ${account.name}` }).click();
		await expect(page.getByRole('status')).toHaveText(
			`${account.name} is deactivated and signed out`
		);
		await expect(row).toContainText('Inactive');

		const admin = (await (await page.request.get('/api/v1/me')).json()).user;
		const found = await (await page.request.get(`/api/v1/users?q=${account.email}`)).json();
		const id: string = found.data[0].id;
		await page.getByRole('button', { name: 'Admin', exact: true }).click();
		await page.getByRole('link', { name: 'Audit log' }).click();
		await page.getByLabel('Table').fill('users');
		await page.getByLabel('Record id').fill(id);
		await page.getByRole('button', { name: 'Apply' }).click();
		// Wait for the filtered list, not the unfiltered one still on screen.
		await expect(page).toHaveURL(new RegExp(`recordId=${id}`));
		const deactivation = page.getByRole('row', { name: /Changed/ }).filter({ hasText: 'Active:' });
		// In words: the field's label and yes/no, not is_active: true → false.
		await expect(deactivation).toContainText('Active: Yes');
		await expect(deactivation).toContainText('No');
		await expect(deactivation).not.toContainText('is_active');
		await expect(deactivation).toContainText(admin.name);
		// The action in words, its recorded name kept on hover and as the filter's value.
		await expect(deactivation.getByTitle('update', { exact: true })).toHaveText(
			'Changed an account'
		);

		await page.getByLabel('Table').fill('');
		await page.getByLabel('Record id').fill('');
		await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Signed in' });
		await page.getByRole('button', { name: 'Apply' }).click();
		await expect(page).toHaveURL(/action=auth\.login(&|$)/);
		await expect(page.getByLabel('Action', { exact: true })).toHaveValue('auth.login');
		const signedIn = page.getByRole('row', { name: new RegExp(admin.name) }).first();
		await expect(signedIn.getByTitle('auth.login', { exact: true })).toHaveText('Signed in');
		await expect(page.locator('main')).not.toContainText('auth.login');
	});

	test('an administrator cannot deactivate themselves from the page', async ({ page }) => {
		await signIn(page, ADMIN.email);
		await page.goto(`/admin/users?q=${ADMIN.email}`);
		const row = page.getByRole('row', { name: new RegExp(ADMIN.email) });
		await row.getByRole('button', { name: /^Deactivate/ }).click();
		await expect(page.getByRole('alert')).toHaveText('You cannot deactivate your own account');
		await expect(row).toContainText('Active');
	});

	test('a support worker sees no admin links and is refused the users page', async ({ page }) => {
		await signIn(page, WORKER.email);
		await expect(page.getByRole('navigation', { name: 'Main' })).not.toContainText('Users');
		const response = await page.goto('/admin/users');
		expect(response?.status()).toBe(403);
		await expect(page.getByRole('heading', { name: 'No access' })).toBeVisible();
		await expect(page.getByText('You do not have access to this')).toBeVisible();
	});
});
