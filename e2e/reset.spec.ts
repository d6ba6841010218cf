import { readdir, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { NO_ACCOUNT_EMAIL, RESET_USER } from './support/accounts';

// The e2e server has no SMTP_URL, so it keeps mail as .eml files here (src/lib/server/mail).
const OUTBOX = resolve('.data/outbox');
const NEW_PASSWORD = `new-reset-password-${Date.now()}`;

/** The newest reset link mailed to `to` since `since`, waiting for the background send. */
async function resetLinkFor(to: string, since: number): Promise<string> {
	let link: string | undefined;
	await expect
		.poll(
			async () => {
				const files = (await readdir(OUTBOX).catch(() => [])).filter((f) => f.endsWith('.eml'));
				const recent = [];
				for (const file of files) {
					const { mtimeMs } = await stat(resolve(OUTBOX, file));
					if (mtimeMs >= since) recent.push({ file, mtimeMs });
				}
				recent.sort((a, b) => b.mtimeMs - a.mtimeMs);
				for (const { file } of recent) {
					const mail = await simpleParser(await readFile(resolve(OUTBOX, file)));
					const recipient = mail.to && !Array.isArray(mail.to) ? mail.to.text : '';
					link = mail.text?.match(/https?:\/\/\S+\/reset-password\/\S+/)?.[0];
					if (recipient === to && link) return link;
				}
				return undefined;
			},
			{ message: `a reset email to ${to} in ${OUTBOX}`, timeout: 10_000 }
		)
		.toBeDefined();
	return link!;
}

async function signIn(page: Page, email: string, password: string) {
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a user who forgot their password resets it by email and signs in with the new one', async ({
	page
}) => {
	const since = Date.now() - 1_000;
	await page.goto('/login');
	await page.getByRole('link', { name: 'Forgot your password?' }).click();
	await expect(page).toHaveURL(/\/forgot-password$/);
	await page.getByLabel('Email').fill(RESET_USER.email);
	await page.getByRole('button', { name: 'Send reset link' }).click();
	await expect(page.getByRole('status')).toHaveText(
		"If an account exists for that email, we've sent a link."
	);

	const link = await resetLinkFor(RESET_USER.email, since);
	await page.goto(link);
	await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();

	await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
	await page.getByLabel('Confirm new password').fill(`${NEW_PASSWORD}-typo`);
	await page.getByRole('button', { name: 'Change password' }).click();
	// In the summary, which takes focus, and beside the field.
	await expect(page.locator('.error-summary')).toBeFocused();
	await expect(page.locator('#confirm-error')).toHaveText('The two passwords do not match');

	await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
	await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page).toHaveURL(/\/login\?reset=done$/);
	await expect(page.getByRole('status')).toHaveText(
		'Your password has been changed; sign in with the new one'
	);

	await signIn(page, RESET_USER.email, RESET_USER.password);
	await expect(page.getByRole('alert')).toContainText('Email or password is incorrect');
	await signIn(page, RESET_USER.email, NEW_PASSWORD);
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByText(/Signed in as Reset Journey/)).toBeVisible();

	// The link was spent: opening it again offers no form, only a way to ask for another.
	await page.goto(link);
	await expect(page.getByRole('alert')).toContainText('This reset link is invalid or has expired');
	await expect(page.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
});

test('an unknown address gets the same answer as a real one', async ({ page }) => {
	await page.goto('/forgot-password');
	await page.getByLabel('Email').fill(NO_ACCOUNT_EMAIL);
	await page.getByRole('button', { name: 'Send reset link' }).click();
	await expect(page.getByRole('status')).toHaveText(
		"If an account exists for that email, we've sent a link."
	);
});
