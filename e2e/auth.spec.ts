import { expect, test, type Page } from '@playwright/test';
import { COORDINATOR, LOCKED_USER } from './support/accounts';

async function signIn(page: Page, email: string, password: string) {
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	// Wait for the answer, so the next attempt is not sent while this one is still in flight.
	const answered = page.waitForResponse((r) => r.request().method() === 'POST');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await answered;
}

test.describe('signing in and out', () => {
	test('a coordinator signs in, sees their name, signs out and is kept out', async ({ page }) => {
		await page.goto('/');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2F$/);
		await signIn(page, COORDINATOR.email, COORDINATOR.password);

		await expect(page).toHaveURL(/\/$/);
		await expect(page.getByText(/Signed in as .+ \(Support coordinator\)/)).toBeVisible();

		await page.getByRole('button', { name: /^Account menu for/ }).click();
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(/\/login$/);
		await page.goto('/');
		await expect(page).toHaveURL(/\/login\?redirectTo=/);
		await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
	});

	test('after sign-in the user lands where they were going', async ({ page }) => {
		await page.goto('/login?redirectTo=%2F%3Ftab%3Dtoday');
		await signIn(page, COORDINATOR.email.toUpperCase(), COORDINATOR.password);
		await expect(page).toHaveURL(/\/\?tab=today$/);
	});

	test('a wrong password shows one generic message and keeps the email', async ({ page }) => {
		await page.goto('/login');
		await signIn(page, COORDINATOR.email, 'not-the-password');
		await expect(page.getByRole('alert')).toContainText('Email or password is incorrect');
		await expect(page.getByLabel('Email')).toHaveValue(COORDINATOR.email);
	});

	test('empty fields are named, not submitted', async ({ page }) => {
		await page.goto('/login');
		await page.getByRole('button', { name: 'Sign in' }).click();
		// Listed in the summary, which leads to each field, and said again beside the field.
		await expect(page.getByRole('link', { name: 'Enter your email address' })).toHaveAttribute(
			'href',
			'#email'
		);
		await expect(page.locator('#email-error')).toHaveText('Enter your email address');
		await expect(page.locator('#password-error')).toHaveText('Enter your password');
	});

	test('repeated failures lock the account, even for the right password', async ({ page }) => {
		await page.goto('/login');
		for (let attempt = 1; attempt <= 5; attempt++) {
			await signIn(page, LOCKED_USER.email, `wrong-${attempt}`);
			await expect(page.getByRole('alert')).toContainText('Email or password is incorrect');
		}
		await signIn(page, LOCKED_USER.email, 'wrong-6');
		await expect(page.getByRole('alert')).toContainText('try again later');
		await signIn(page, LOCKED_USER.email, LOCKED_USER.password);
		await expect(page.getByRole('alert')).toContainText('try again later');
		await expect(page).toHaveURL(/\/login/);
	});
});

test.describe('the auth API', () => {
	test('signs in, answers who is signed in, and signs out', async ({ request }) => {
		const anonymous = await request.get('/api/v1/me');
		expect(anonymous.status()).toBe(401);
		expect(await anonymous.json()).toEqual({
			error: { code: 'unauthorized', message: 'Sign in to continue' }
		});

		const login = await request.post('/api/v1/auth/login', { data: COORDINATOR });
		expect(login.status()).toBe(200);
		expect(login.headers()['set-cookie']).toMatch(/session=.+HttpOnly/i);
		const { user } = await login.json();
		expect(user).toMatchObject({ email: COORDINATOR.email, role: 'support_coordinator' });
		expect(user).not.toHaveProperty('passwordHash');

		const me = await request.get('/api/v1/me');
		expect(me.status()).toBe(200);
		expect((await me.json()).user.id).toBe(user.id);

		expect((await request.post('/api/v1/auth/logout')).status()).toBe(204);
		expect((await request.get('/api/v1/me')).status()).toBe(401);
	});

	test('answers malformed input with per-field messages', async ({ request }) => {
		const response = await request.post('/api/v1/auth/login', {
			data: { email: 'not-an-email' }
		});
		expect(response.status()).toBe(400);
		expect(await response.json()).toEqual({
			error: {
				code: 'validation',
				message: 'Some fields need attention',
				fields: { email: 'Enter a valid email address', password: 'Enter your password' }
			}
		});
	});

	test('answers a wrong password with the generic 401', async ({ request }) => {
		const response = await request.post('/api/v1/auth/login', {
			data: { email: 'nobody-e2e@demo.test', password: 'whatever' }
		});
		expect(response.status()).toBe(401);
		expect((await response.json()).error).toEqual({
			code: 'unauthorized',
			message: 'Email or password is incorrect'
		});
	});

	test('answers unknown API paths with the JSON error shape', async ({ request }) => {
		const response = await request.get('/api/v1/no-such-thing');
		expect(response.status()).toBe(404);
		expect((await response.json()).error.code).toBe('not_found');
	});
});
