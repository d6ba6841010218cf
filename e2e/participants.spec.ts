/**
 * Participants through the production server: who may list, create, change and open which
 * participant (a table written out here, so a policy slip shows as a failure), and the journey
 * of a coordinator creating a participant and assigning a worker, who then sees that participant
 * and only that kind: someone else's participant answers 404, as if it did not exist.
 */
import {
	expect,
	test,
	type APIRequestContext,
	type Page,
	type PlaywrightWorkerArgs
} from '@playwright/test';
import { ADMIN, ALLIED, COORDINATOR, DEMO_PASSWORD, WORKER } from './support/accounts';

type Call = 'list' | 'create' | 'patch' | 'getOthers';

const EXPECTED: Record<string, Record<Call, number>> = {
	[ADMIN.email]: { list: 200, create: 201, patch: 200, getOthers: 200 },
	[COORDINATOR.email]: { list: 200, create: 201, patch: 200, getOthers: 200 },
	[WORKER.email]: { list: 200, create: 403, patch: 403, getOthers: 404 },
	[ALLIED.email]: { list: 200, create: 403, patch: 403, getOthers: 404 }
};

/** 43 and seven random digits: a valid NDIS number unlikely to be taken. */
const newNdisNumber = () => `43${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const newParticipant = (tag: string) => ({
	ndisNumber: newNdisNumber(),
	name: `E2E ${tag} ${stamp()}`,
	planStartDate: '2026-01-01',
	planEndDate: '2026-12-31',
	planManager: 'Plan-managed',
	totalBudget: '30000.00'
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
	return { context, me: (await login.json()).user as { id: string; name: string } };
}

function calls(api: APIRequestContext, othersId: string): Record<Call, () => Promise<number>> {
	return {
		list: async () => (await api.get('/api/v1/participants')).status(),
		create: async () =>
			(await api.post('/api/v1/participants', { data: newParticipant('matrix') })).status(),
		patch: async () =>
			(
				await api.patch(`/api/v1/participants/${othersId}`, {
					data: { goals: `Goal ${stamp()}` }
				})
			).status(),
		getOthers: async () => (await api.get(`/api/v1/participants/${othersId}`)).status()
	};
}

test.describe('the participants API', () => {
	// Nobody is assigned to a participant made here, so it is "someone else's" for frontline staff.
	let othersId: string;

	test.beforeAll(async ({ playwright, baseURL }) => {
		const { context } = await apiAs(playwright, baseURL, ADMIN.email);
		const created = await context.post('/api/v1/participants', {
			data: newParticipant('unassigned')
		});
		expect(created.status()).toBe(201);
		othersId = (await created.json()).id;
		await context.dispose();
	});

	for (const [email, expected] of Object.entries(EXPECTED)) {
		test(`${email} is allowed or refused as the policy says`, async ({ playwright, baseURL }) => {
			const { context } = await apiAs(playwright, baseURL, email);
			const call = calls(context, othersId);
			const seen: Record<string, number> = {};
			for (const name of Object.keys(expected) as Call[]) seen[name] = await call[name]();
			expect(seen).toEqual(expected);
			await context.dispose();
		});
	}

	test('anonymous callers are asked to sign in', async ({ playwright, baseURL }) => {
		const context = await playwright.request.newContext({ baseURL });
		const seen = await Promise.all(Object.values(calls(context, othersId)).map((call) => call()));
		expect(seen).toEqual([401, 401, 401, 401]);
		await context.dispose();
	});

	test('answers validation, duplicates, unknown ids and deletion in the contract shape', async ({
		playwright,
		baseURL
	}) => {
		const { context } = await apiAs(playwright, baseURL, COORDINATOR.email);
		const invalid = await context.post('/api/v1/participants', {
			data: { ndisNumber: '12345', name: '', email: 'nope', totalBudget: '-1' }
		});
		expect(invalid.status()).toBe(400);
		expect(Object.keys((await invalid.json()).error.fields).sort()).toEqual([
			'email',
			'name',
			'ndisNumber',
			'totalBudget'
		]);

		const participant = newParticipant('dup');
		const created = await context.post('/api/v1/participants', { data: participant });
		expect(created.status()).toBe(201);
		const body = await created.json();
		expect(body).toMatchObject({
			totalBudget: '30000.00',
			usedBudget: '0.00',
			remainingBudget: '30000.00',
			planElapsedPercent: expect.any(Number)
		});
		const duplicate = await context.post('/api/v1/participants', { data: participant });
		expect(duplicate.status()).toBe(409);
		expect((await duplicate.json()).error.fields).toEqual({
			ndisNumber: 'is already registered to another participant'
		});

		const noReason = await context.patch(`/api/v1/participants/${body.id}`, {
			data: { status: 'inactive' }
		});
		expect(noReason.status()).toBe(400);
		const withReason = await context.patch(`/api/v1/participants/${body.id}`, {
			data: { status: 'inactive', statusReason: 'Plan ended' }
		});
		expect((await withReason.json()).status).toBe('inactive');

		const listed = await (
			await context.get(`/api/v1/participants?q=${participant.ndisNumber}`)
		).json();
		expect(listed).toMatchObject({ total: 1, page: 1, limit: 25 });
		expect((await context.get('/api/v1/participants?limit=500')).status()).toBe(400);
		expect((await context.get('/api/v1/participants/not-a-uuid')).status()).toBe(404);
		const deleted = await context.delete(`/api/v1/participants/${body.id}`);
		expect(deleted.status()).toBe(405);
		expect((await deleted.json()).error.message).toMatch(/never deleted/);
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

test.describe('participants in the browser', () => {
	test('a coordinator creates a participant and assigns a worker, who then sees only theirs', async ({
		browser,
		playwright,
		baseURL
	}) => {
		const { context: api, me: worker } = await apiAs(playwright, baseURL, WORKER.email);
		await api.dispose();
		const { context: admin } = await apiAs(playwright, baseURL, ADMIN.email);
		const others = await admin.post('/api/v1/participants', { data: newParticipant('not-yours') });
		const othersId: string = (await others.json()).id;
		await admin.dispose();

		const coordinator = await browser.newContext();
		const page = await coordinator.newPage();
		await signIn(page, COORDINATOR.email);
		await page.goto('/participants');
		await page.getByRole('link', { name: 'New participant' }).click();
		await expect(page.getByRole('heading', { name: 'New participant' })).toBeVisible();

		const name = `E2E Journey ${stamp()}`;
		const ndisNumber = newNdisNumber();
		// First with a mistake, to see the per-field message.
		await page.getByLabel('Name', { exact: true }).fill(name);
		await page.getByLabel('NDIS number').fill('12345');
		await page.getByRole('button', { name: 'Create participant' }).click();
		await expect(page.locator('#p-ndisNumber-error')).toHaveText(
			'NDIS number must be exactly 9 digits starting with 43'
		);

		await page.getByLabel('NDIS number').fill(ndisNumber);
		await page.getByLabel('Plan start (optional)').fill('2026-01-01');
		await page.getByLabel('Plan end (optional)').fill('2026-12-31');
		await page.getByLabel('Total budget, AUD (optional)').fill('24000.00');
		await page.getByLabel('Plan management (optional)').selectOption('Plan-managed');
		await page.getByRole('button', { name: 'Create participant' }).click();
		await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
		await expect(page.getByRole('status')).toHaveText('Participant created');
		await expect(page.getByRole('region', { name: 'Profile' })).toContainText(ndisNumber);

		await page.getByLabel('Assign staff member').selectOption(worker.id);
		await page.getByRole('button', { name: 'Assign', exact: true }).click();
		await expect(page.getByRole('status')).toHaveText('Staff member assigned');
		const staff = page.getByRole('region', { name: 'Assigned staff' });
		await expect(staff).toContainText(worker.name);
		await coordinator.close();

		const workerContext = await browser.newContext();
		const workerPage = await workerContext.newPage();
		await signIn(workerPage, WORKER.email);
		await workerPage.goto('/participants');
		await workerPage.getByLabel('Search name or NDIS number').fill(name);
		await workerPage.getByRole('button', { name: 'Apply' }).click();
		await expect(workerPage).toHaveURL(/q=/);
		await workerPage.getByRole('link', { name }).click();
		await expect(workerPage.getByRole('heading', { name, level: 1 })).toBeVisible();
		await expect(workerPage.getByRole('link', { name: 'Edit details' })).toHaveCount(0);

		const response = await workerPage.goto(`/participants/${othersId}`);
		expect(response?.status()).toBe(404);
		await workerContext.close();
	});
});
