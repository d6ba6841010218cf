/**
 * What people expected and could not do, and what they should not see, through the production
 * server: an administrator unlocks a locked account and its owner signs in at once; a person
 * changes their own password under My settings; a coordinator sees what a pending session is worth
 * in the queue; and frontline staff never see a colleague's pay or hours (API and page HTML),
 * while coordinators do.
 */
import { expect, test, type Browser } from '@playwright/test';
import {
	ADMIN,
	ALLIED,
	COORDINATOR,
	SESSION_WORKER,
	UNLOCK_USER,
	WORKER
} from './support/accounts';
import { apiAs, newNdisNumber, signIn, stamp } from './support/session';

async function freshPage(browser: Browser) {
	const context = await browser.newContext();
	return context.newPage();
}

test.describe('an administrator unlocks an account', () => {
	test('the locked person is shown as locked, is unlocked, and signs in at once', async ({
		browser
	}) => {
		// Locked: the right password is refused.
		const person = await freshPage(browser);
		await person.goto('/login', { waitUntil: 'networkidle' });
		await person.getByLabel('Email').fill(UNLOCK_USER.email);
		await person.getByLabel('Password').fill(UNLOCK_USER.password);
		await person.getByRole('button', { name: 'Sign in' }).click();
		await expect(person.getByRole('alert').first()).toContainText('try again later');

		const admin = await freshPage(browser);
		await signIn(admin, ADMIN.email);
		await admin.goto(`/admin/users?q=${encodeURIComponent(UNLOCK_USER.email)}`);
		const row = admin.getByRole('row', { name: new RegExp(UNLOCK_USER.name) });
		await expect(row.getByText(/^Locked until \d{1,2}:\d{2}/)).toBeVisible();
		await row.getByRole('button', { name: `Unlock ${UNLOCK_USER.name}` }).click();
		await expect(
			admin.getByText(`${UNLOCK_USER.name} is unlocked and can sign in now`)
		).toBeVisible();
		await expect(row.getByText(/Locked until/)).toHaveCount(0);
		await expect(row.getByRole('button', { name: /^Unlock/ })).toHaveCount(0);

		await signIn(person, UNLOCK_USER.email, UNLOCK_USER.password);
		await expect(person.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
		await person.context().close();
		await admin.context().close();
	});

	test('the unlock API is for account managers, and says when there is no lock', async ({
		playwright,
		baseURL
	}) => {
		const { context: admin } = await apiAs(playwright, baseURL, ADMIN.email);
		const found = await (
			await admin.get(`/api/v1/users?q=${encodeURIComponent(UNLOCK_USER.email)}`)
		).json();
		const id = found.data[0].id as string;
		const { context: coordinator } = await apiAs(playwright, baseURL, COORDINATOR.email);
		expect((await coordinator.post(`/api/v1/users/${id}/unlock`)).status()).toBe(403);
		const notLocked = await admin.post(`/api/v1/users/${id}/unlock`);
		expect(notLocked.status()).toBe(409);
		expect((await notLocked.json()).error.message).toBe(`${UNLOCK_USER.name} is not locked`);
		expect(
			(await admin.post('/api/v1/users/00000000-0000-4000-8000-000000000000/unlock')).status()
		).toBe(404);
		await admin.dispose();
		await coordinator.dispose();
	});
});

test('a person changes their own password under My settings', async ({
	browser,
	playwright,
	baseURL
}) => {
	const account = {
		name: `E2E Settings ${stamp()}`,
		email: `e2e-settings-${stamp()}@example.test`,
		role: 'support_worker',
		password: 'e2e-first-password-2026'
	};
	const { context: admin } = await apiAs(playwright, baseURL, ADMIN.email);
	expect((await admin.post('/api/v1/users', { data: account })).status()).toBe(201);
	await admin.dispose();

	// Signed in on another device too: that session ends with the change.
	const { context: elsewhere } = await apiAs(playwright, baseURL, account.email, account.password);
	const page = await freshPage(browser);
	await signIn(page, account.email, account.password);
	await page.goto('/settings');
	const form = page.getByRole('region', { name: 'Change my password' });
	await form.getByLabel('Current password').fill('not-my-password');
	await form.getByLabel('New password', { exact: true }).fill('e2e-second-password-2026');
	await form.getByLabel('New password again').fill('e2e-second-password-2026');
	await form.getByRole('button', { name: 'Change my password' }).click();
	const summary = form.getByRole('alert');
	await expect(summary).toContainText('There is a problem');
	await expect(
		summary.getByRole('link', { name: 'Your current password is not right' })
	).toBeVisible();
	await expect(form.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');

	await form.getByLabel('Current password').fill(account.password);
	await form.getByLabel('New password', { exact: true }).fill('e2e-second-password-2026');
	await form.getByLabel('New password again').fill('e2e-second-password-2026');
	await form.getByRole('button', { name: 'Change my password' }).click();
	await expect(
		form.getByText(/Your password is changed, and you are signed out everywhere else/)
	).toBeVisible();
	// This browser stays signed in; the other session is over.
	await page.goto('/settings');
	await expect(page.getByRole('heading', { name: 'My settings' })).toBeVisible();
	expect((await elsewhere.get('/api/v1/me')).status()).toBe(401);
	await elsewhere.dispose();

	const other = await freshPage(browser);
	await signIn(other, account.email, 'e2e-second-password-2026');
	await other.context().close();
	await page.context().close();
});

test('a coordinator sees what a pending session is worth in the queue', async ({
	browser,
	playwright,
	baseURL
}) => {
	const { context: coordinatorApi } = await apiAs(playwright, baseURL, COORDINATOR.email);
	const participantName = `E2E Value ${stamp()}`;
	const created = await coordinatorApi.post('/api/v1/participants', {
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
	const users = await coordinatorApi.get(
		`/api/v1/users?q=${encodeURIComponent(SESSION_WORKER.email)}`
	);
	const worker = (await users.json()).data[0] as { id: string };
	const assigned = await coordinatorApi.post(`/api/v1/participants/${participant.id}/staff`, {
		data: { userId: worker.id }
	});
	expect(assigned.status()).toBe(201);
	const items = await coordinatorApi.get('/api/v1/item-codes?q=01_011_0107_1_1&limit=1');
	const item = (await items.json()).data[0] as { id: string };
	const history = (await (await coordinatorApi.get(`/api/v1/item-codes/${item.id}`)).json()) as {
		prices: { effectiveDate: string; price: string }[];
	};

	// Five days ago, two hours: no clash with the sessions journey's sessions of yesterday.
	const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney' }).format(
		new Date(Date.now() - 5 * 24 * 3600_000)
	);
	const { context: workerApi } = await apiAs(
		playwright,
		baseURL,
		SESSION_WORKER.email,
		SESSION_WORKER.password
	);
	const logged = await workerApi.post('/api/v1/session-logs', {
		data: {
			participantId: participant.id,
			ndisItemCodeId: item.id,
			serviceType: 'Community access',
			sessionDate: day,
			startTime: '13:00',
			endTime: '15:00'
		}
	});
	expect(logged.status()).toBe(201);
	const session = (await logged.json()) as { id: string; value: string };

	// The price in force that day (newest first; the earliest when the day predates them all).
	const inForce =
		history.prices.find((p) => p.effectiveDate <= day) ??
		history.prices[history.prices.length - 1]!;
	const [dollars, cents = '00'] = inForce.price.split('.');
	const twiceInCents = (Number(dollars) * 100 + Number(cents.padEnd(2, '0'))) * 2;
	const expected = `$${Math.floor(twiceInCents / 100).toLocaleString('en-AU')}.${String(twiceInCents % 100).padStart(2, '0')}`;
	expect(`$${session.value}`).toBe(expected.replace(/,/g, ''));

	const page = await freshPage(browser);
	await signIn(page, COORDINATOR.email);
	await page.goto(`/sessions?status=pending&participantId=${participant.id}`);
	const row = page.getByRole('row', { name: new RegExp(participantName) });
	await expect(row).toBeVisible();
	await expect(row.getByRole('cell', { name: expected, exact: true })).toBeVisible();
	await page.goto(`/sessions/${session.id}`);
	await expect(page.getByText(expected, { exact: true })).toBeVisible();

	await workerApi.delete(`/api/v1/session-logs/${session.id}`);
	await workerApi.dispose();
	await coordinatorApi.dispose();
	await page.context().close();
});

test.describe("a colleague's pay is private", () => {
	type Staff = { id: string; email: string | null; hourlyRate?: string; totalHours?: string };
	const rows = async (
		playwright: Parameters<typeof apiAs>[0],
		baseURL: string | undefined,
		email: string
	) => {
		const { context } = await apiAs(playwright, baseURL, email);
		const list = await (await context.get('/api/v1/staff?limit=100')).json();
		return { context, staff: list.data as Staff[] };
	};

	for (const frontline of [WORKER, ALLIED]) {
		test(`${frontline.email} gets no colleague's rate or hours, only their own`, async ({
			playwright,
			baseURL
		}) => {
			const { context, staff } = await rows(playwright, baseURL, frontline.email);
			const own = staff.find((s) => s.email === frontline.email);
			expect(own?.hourlyRate).toMatch(/^\d+\.\d{2}$/);
			expect(own?.totalHours).toMatch(/^\d+\.\d{2}$/);
			const colleagues = staff.filter((s) => s.email !== frontline.email);
			expect(colleagues.length).toBeGreaterThan(5);
			for (const colleague of colleagues) {
				expect(colleague, colleague.email ?? colleague.id).not.toHaveProperty('hourlyRate');
				expect(colleague, colleague.email ?? colleague.id).not.toHaveProperty('totalHours');
				const one = await (await context.get(`/api/v1/staff/${colleague.id}`)).json();
				expect(one).not.toHaveProperty('hourlyRate');
				expect(one).not.toHaveProperty('totalHours');
			}
			const mine = await (await context.get(`/api/v1/staff/${own!.id}`)).json();
			expect(mine.hourlyRate).toBe(own!.hourlyRate);
			// Sorting by pay would give its order away.
			const sorted = await context.get('/api/v1/staff?sort=-hourlyRate');
			expect(sorted.status()).toBe(400);
			expect(Object.keys((await sorted.json()).error.fields)).toEqual(['sort']);

			// The page's HTML (table and the data it hydrates from) holds no colleague's rate.
			const { staff: everyone } = await rows(playwright, baseURL, COORDINATOR.email);
			const html = await (await context.get('/staff?limit=100')).text();
			expect(html).not.toContain('Hourly rate');
			// Exactly once: their own row, in the form the page's data takes (so the checks below
			// would find a colleague's rate if it were there).
			expect(html.match(/hourlyRate/g)).toHaveLength(1);
			expect(html).toContain(`hourlyRate:"${own!.hourlyRate}"`);
			for (const colleague of everyone.filter((s) => s.email !== frontline.email)) {
				if (colleague.hourlyRate === own!.hourlyRate) continue;
				expect(html).not.toContain(`hourlyRate:"${colleague.hourlyRate}"`);
				const shown = `$${Number(colleague.hourlyRate).toFixed(2)}`;
				expect(html, `${colleague.email} ${shown}`).not.toContain(`>${shown}<`);
			}
			await context.dispose();
		});
	}

	test('a coordinator still sees every rate and total, on the page and in the API', async ({
		playwright,
		baseURL
	}) => {
		const { context, staff } = await rows(playwright, baseURL, COORDINATOR.email);
		expect(staff.length).toBeGreaterThan(5);
		for (const member of staff) {
			expect(member.hourlyRate, member.email ?? member.id).toMatch(/^\d+\.\d{2}$/);
			expect(member.totalHours, member.email ?? member.id).toMatch(/^\d+\.\d{2}$/);
		}
		const allied = staff.find((s) => s.email === ALLIED.email)!;
		const html = await (await context.get('/staff?limit=100')).text();
		expect(html).toContain('Hourly rate');
		expect(html).toContain(`$${Number(allied.hourlyRate).toFixed(2)}`);
		expect((await context.get('/api/v1/staff?sort=-hourlyRate')).status()).toBe(200);
		await context.dispose();
	});
});
