/** Signing in for journeys: a browser page through the form, or an API context by JSON. */
import {
	expect,
	type APIRequestContext,
	type Page,
	type PlaywrightWorkerArgs
} from '@playwright/test';
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

/**
 * Sets the signed-in person's clock (preference `display.time_format`) and answers a function
 * that puts back what it was: journeys that read times say which clock they read (the demo
 * coordinator chose the 12-hour one).
 */
export async function useClock(api: APIRequestContext, timeFormat: '24h' | '12h') {
	const key = 'display.time_format';
	const mine = await api.get('/api/v1/settings/me');
	expect(mine.status()).toBe(200);
	const before = ((await mine.json()) as Record<string, unknown>)[key];
	const set = async (value: unknown) => {
		const changed = await api.patch('/api/v1/settings/me', { data: { key, value } });
		expect(changed.status(), await changed.text()).toBe(200);
	};
	await set(timeFormat);
	return () => set(before ?? '24h');
}

/** Unique per run: the e2e database keeps what earlier runs made. */
export const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** 43 and seven random digits: a valid NDIS number unlikely to be taken. */
export const newNdisNumber = () =>
	`43${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
