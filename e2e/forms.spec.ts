/**
 * Forms tell people what went wrong where they are looking: on a phone, a failed submit puts focus
 * on an error summary at the top ("There is a problem") whose links lead to each field; a clash
 * with another session reads in words (times, the participant, the day; never an id); and the
 * support item is found by words from its name as you type, without the page carrying the whole
 * price list.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { COORDINATOR, SESSION_WORKER } from './support/accounts';
import { apiAs, newNdisNumber, signIn, stamp } from './support/session';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SELF_CARE = '01_011_0107_1_1';

/** Three days ago in Sydney (the sessions journey logs yesterday), as YYYY-MM-DD. */
function threeDaysAgo(): string {
	const then = new Date(Date.now() - 3 * 24 * 3600_000);
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney' }).format(then);
}

async function phonePage(browser: Browser, email: string, password?: string): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true
	});
	const page = await context.newPage();
	await signIn(page, email, password);
	return page;
}

let participantName: string;
const day = threeDaysAgo();

test.beforeAll(async ({ playwright, baseURL }) => {
	// A participant of the sessions worker's, with a 09:00–11:00 session already logged that day.
	const coordinator = await apiAs(playwright, baseURL, COORDINATOR.email);
	participantName = `Forms Journey ${stamp()}`;
	const created = await coordinator.context.post('/api/v1/participants', {
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
	const worker = await apiAs(playwright, baseURL, SESSION_WORKER.email, SESSION_WORKER.password);
	const assigned = await coordinator.context.post(`/api/v1/participants/${participant.id}/staff`, {
		data: { userId: worker.me.id }
	});
	expect(assigned.status()).toBe(201);
	const items = await worker.context.get(`/api/v1/item-codes?q=${SELF_CARE}&limit=1`);
	const item = ((await items.json()) as { data: { id: string }[] }).data[0]!;
	const logged = await worker.context.post('/api/v1/session-logs', {
		data: {
			participantId: participant.id,
			ndisItemCodeId: item.id,
			serviceType: 'Personal care',
			sessionDate: day,
			startTime: '09:00',
			endTime: '11:00'
		}
	});
	expect(logged.status()).toBe(201);
	await coordinator.context.dispose();
	await worker.context.dispose();
});

test('the phone session form: summary with links, words not ids, and the item found by name', async ({
	browser
}) => {
	const page = await phonePage(browser, SESSION_WORKER.email, SESSION_WORKER.password);
	await page.goto('/sessions/new');
	const summary = page.locator('.error-summary');

	// Nothing filled in: focus lands on the summary, which links to each field in turn.
	await page.getByRole('button', { name: 'Submit for approval' }).click();
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	const toParticipant = summary.getByRole('link', { name: 'Choose a participant' });
	await expect(toParticipant).toHaveAttribute('href', '#s-participantId');
	await expect(summary.getByRole('link', { name: /Service type is required/ })).toBeVisible();
	await expect(summary.getByRole('link', { name: /support item you delivered/ })).toBeVisible();
	await toParticipant.click();
	await expect(page.locator('#s-participantId')).toBeFocused();
	await expect(page.locator('#s-participantId')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('#s-participantId-error')).toHaveText('Choose a participant');

	// The support item, by words from its name: by keyboard, then by touch.
	const item = page.getByRole('combobox', { name: 'NDIS support item' });
	await item.fill('self-care weekday daytime');
	const options = page.getByRole('listbox', { name: 'Matching support items' }).getByRole('option');
	await expect(options.first()).toBeVisible();
	await expect(item).toHaveAttribute('aria-expanded', 'true');
	for (const text of await options.allInnerTexts()) expect(text).toMatch(/self-care/i);
	await item.press('ArrowDown');
	await expect(options.first()).toHaveAttribute('aria-selected', 'true');
	const firstCode = (await options.first().locator('.code').innerText()).trim();
	await item.press('Enter');
	await expect(item).toHaveValue(new RegExp(`^${firstCode} `));
	await expect(item).toHaveAttribute('aria-expanded', 'false');

	await item.fill('daytime self-care standard');
	const selfCare = options.filter({ hasText: SELF_CARE });
	await selfCare.tap();
	await expect(item).toHaveValue(
		`${SELF_CARE} Assistance With Self-Care Activities - Standard - Weekday Daytime`
	);

	// Overlapping the 09:00–11:00 session: said in words, with no id anywhere on the page.
	await page.getByLabel('Participant', { exact: true }).selectOption({ label: participantName });
	await page.getByLabel('Service type').fill('Personal care');
	await page.getByLabel('Date', { exact: true }).fill(day);
	await page.getByLabel('Start', { exact: true }).fill('10:00');
	await page.getByLabel('End', { exact: true }).fill('12:00');
	await page.getByRole('button', { name: 'Submit for approval' }).click();
	const dayText = `${Number(day.slice(8))} ${MONTHS[Number(day.slice(5, 7)) - 1]}`;
	const clash = `Overlaps your 09:00–11:00 session with ${participantName} on ${dayText}`;
	await expect(summary).toBeFocused();
	await expect(summary).toContainText(clash);
	await expect(page.locator('#s-startTime-error')).toHaveText(clash);
	expect(await page.locator('body').innerText()).not.toMatch(UUID);
	await summary.getByRole('link', { name: clash }).click();
	await expect(page.locator('#s-startTime')).toBeFocused();
	// What the worker typed is kept, the chosen item included.
	await expect(item).toHaveValue(new RegExp(`^${SELF_CARE} `));

	// The page no longer carries the price list (975 items as options once).
	const html = await (await page.request.get('/sessions/new')).text();
	expect(html).not.toContain('01_002_0107_1_1');
	expect(html.length).toBeLessThan(100_000);
	await page.context().close();
});

test('a new participant with errors gets the same summary', async ({ browser }) => {
	const page = await phonePage(browser, COORDINATOR.email);
	await page.goto('/participants/new');
	await page.getByLabel('NDIS number').fill('12');
	await page.getByRole('button', { name: 'Create participant' }).click();
	const summary = page.locator('.error-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeVisible();
	const toName = summary.getByRole('link', { name: 'Name is required' });
	await expect(toName).toHaveAttribute('href', '#p-name');
	await expect(summary.getByRole('link', { name: /^NDIS number / })).toBeVisible();
	await toName.click();
	await expect(page.locator('#p-name')).toBeFocused();
	await expect(page.locator('#p-name-error')).toHaveText('Name is required');
	await page.context().close();
});
