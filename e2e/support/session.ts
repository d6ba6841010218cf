/** Signing in for journeys: a browser page through the form, or an API context by JSON. */
import { expect, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { DEMO_PASSWORD } from './accounts';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
	// Typed before hydration, the fields are reset by it (value={form?.email ?? ''}); wait it out.
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/$/);
}

export async function apiAs(
	playwright: PlaywrightWorkerArgs['playwright'],
	baseURL: string | undefined,
	email: string,
	password = DEMO_PASSWORD
) {
	const context = await playwright.request.newContext({ baseURL });
	const login = await context.post('/api/v1/auth/login', { data: { email, password } });
	expect(login.status()).toBe(200);
	return { context, me: (await login.json()).user as { id: string; name: string } };
}

/** Unique per run: the e2e database keeps what earlier runs made. */
export const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** 43 and seven random digits: a valid NDIS number unlikely to be taken. */
export const newNdisNumber = () =>
	`43${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
