/**
 * The screens people use all day, as they meet them: a header that fits on one line at 1366 px
 * for the role with the most pages and folds behind a Menu button on a phone, a drawn bell, the
 * organisation's name, phone tables that show the status without scrolling sideways, one date
 * and time style that follows the person's 12- or 24-hour choice, record history in words,
 * downloads that keep their extension, and wall figures that are never cut off.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { minimalPdf } from '../src/lib/server/seed/files';
import { fromWallClock } from '../src/lib/shared/zone';
import { ADMIN, COORDINATOR } from './support/accounts';
import { apiAs, newNdisNumber, stamp } from './support/session';

const ZONE = 'Australia/Sydney';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
// Screenshots to look at; kept outside test-results when asked (Playwright empties it per run).
const SHOTS = process.env.SCREENS_DIR ?? 'test-results/screens';

let admin: APIRequestContext;
let adminName: string;
let participant: { id: string; name: string };
let origin: string;

/** A signed-in page at a viewport size (signing in by API: the form is not what is tested). */
async function pageAs(browser: Browser, email: string, width: number, height: number) {
	const context = await browser.newContext({ viewport: { width, height } });
	const signedIn = await context.request.post('/api/v1/auth/login', {
		data: { email, password: email === ADMIN.email ? ADMIN.password : COORDINATOR.password }
	});
	expect(signedIn.status()).toBe(200);
	return context.newPage();
}

test.beforeAll(async ({ playwright, baseURL }) => {
	origin = new URL(baseURL!).origin;
	const signedIn = await apiAs(playwright, baseURL, ADMIN.email, ADMIN.password);
	admin = signedIn.context;
	adminName = signedIn.me.name;
	const name = `Screens Journey ${stamp()}`;
	const created = await admin.post('/api/v1/participants', {
		data: {
			ndisNumber: newNdisNumber(),
			name,
			planStartDate: '2026-01-01',
			planEndDate: '2026-12-08',
			totalBudget: '12000.00'
		}
	});
	expect(created.status(), await created.text()).toBe(201);
	participant = { id: ((await created.json()) as { id: string }).id, name };
});

test.afterAll(async () => {
	// Back to the default clock, whatever the time-format journey left behind.
	await admin.patch('/api/v1/settings/me', { data: { key: 'display.time_format', value: '24h' } });
	await admin.dispose();
});

test('on a phone the pages sit behind a Menu button, and tables show the status without scrolling', async ({
	browser
}) => {
	const page = await pageAs(browser, COORDINATOR.email, 390, 844);
	await page.goto('/sessions');
	const menu = page.getByRole('button', { name: 'Menu', exact: true });
	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	await expect(nav.getByRole('link', { name: 'Participants' })).toBeHidden();
	await menu.click();
	await expect(menu).toHaveAttribute('aria-expanded', 'true');
	await expect(nav.getByRole('link', { name: 'Participants' })).toBeVisible();
	// Escape closes it and gives focus back to the button.
	await page.keyboard.press('Escape');
	await expect(menu).toHaveAttribute('aria-expanded', 'false');
	await expect(menu).toBeFocused();
	// By keyboard too, and following a link closes it.
	await page.keyboard.press('Enter');
	await expect(nav.getByRole('link', { name: 'Participants' })).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/phone-menu.png` });
	await nav.getByRole('link', { name: 'Participants' }).click();
	await expect(page).toHaveURL(/\/participants$/);
	await expect(menu).toHaveAttribute('aria-expanded', 'false');

	for (const path of ['/sessions', '/participants']) {
		await page.goto(path);
		const status = page.locator('main td[data-label="Status"]').first();
		await expect(status).toBeVisible();
		const box = (await status.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(390);
		const sideways = await page.evaluate(() => ({
			page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
			table: Math.max(
				...[...document.querySelectorAll('main .table-wrap')].map(
					(el) => el.scrollWidth - el.clientWidth
				)
			)
		}));
		expect(sideways, path).toEqual({ page: 0, table: 0 });
		await page.screenshot({ path: `${SHOTS}/phone${path.replace('/', '-')}.png`, fullPage: false });
	}
	await page.context().close();
});

test('on a phone every other list reads as labelled cards, nothing wider than the screen', async ({
	browser
}) => {
	const page = await pageAs(browser, ADMIN.email, 390, 844);
	// Each list, and the column a person looks for first on it (none: a list of cards already).
	const lists = [
		['/documents', 'Status'],
		['/staff', 'Status'],
		['/admin/users', 'Status'],
		['/item-codes', 'Status'],
		['/admin/audit', 'Changes'],
		['/notifications', null]
	] as const;
	for (const [path, column] of lists) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		if (column) {
			const cell = page.locator(`main td[data-label="${column}"]`).first();
			await expect(cell, path).toBeVisible();
			const box = (await cell.boundingBox())!;
			expect(box.x, path).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width, path).toBeLessThanOrEqual(390);
			// The label is drawn beside the value, so the card says which column it is.
			expect(await cell.evaluate((td) => getComputedStyle(td, '::before').content), path).toBe(
				`"${column}"`
			);
		}
		const sideways = await page.evaluate(() => ({
			page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
			table: Math.max(
				0,
				...[...document.querySelectorAll('main .table-wrap')].map(
					(el) => el.scrollWidth - el.clientWidth
				)
			),
			// What sticks out, to say so when it does.
			wide: [...document.querySelectorAll('body *')]
				.filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
				.slice(-3)
				.map((el) => `${el.tagName.toLowerCase()}.${el.className}#${el.id}`)
				.join(', ')
		}));
		expect(sideways.page, `${path} is wider than the phone: ${sideways.wide}`).toBe(0);
		expect(sideways.table, `${path}: a table scrolls sideways`).toBe(0);
		await page.screenshot({ path: `${SHOTS}/phone${path.replaceAll('/', '-')}.png` });
	}
	await page.context().close();
});

/**
 * The header's row at a desktop width: every page link on one line, the header one row high, and
 * the organisation's name on one line (whole, or cut with an ellipsis and named in full by its
 * tooltip) rather than broken inside a word ("Harbour / side", a letter a line).
 */
async function expectOneLineHeader(page: Page, organisation: string, width: number) {
	const header = page.getByRole('banner');
	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(page.getByRole('button', { name: 'Menu', exact: true })).toBeHidden();
	const tops = await nav
		.locator(':scope > ul > li')
		.evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top)));
	expect(tops.length, `${width} px`).toBeGreaterThanOrEqual(9);
	expect(new Set(tops).size, `${width} px`).toBe(1);
	expect((await header.boundingBox())!.height, `${width} px`).toBeLessThan(64);
	const brand = header.getByRole('link', { name: organisation });
	await expect(brand).toHaveAttribute('title', organisation);
	const shown = await brand.evaluate((el) => ({
		lines: Math.round(
			el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)
		),
		width: el.getBoundingClientRect().width,
		cut: el.scrollWidth > el.clientWidth,
		ellipsis: getComputedStyle(el).textOverflow
	}));
	expect(shown.lines, `${width} px`).toBe(1);
	// Enough of it to recognise, and where it is cut, the cut is marked.
	expect(shown.width, `${width} px`).toBeGreaterThanOrEqual(100);
	if (shown.cut) expect(shown.ellipsis).toBe('ellipsis');
	// Nothing in the row spills past the window's edge.
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, `${width} px`).toBe(0);
}

test('on a desktop the header is one line for a super admin, with a drawn bell and the organisation name', async ({
	browser
}) => {
	const settings = (await (await admin.get('/api/v1/settings/system')).json()) as {
		data: { key: string; value: string | null }[];
	};
	const organisation = settings.data.find((s) => s.key === 'organisation.name')!.value!;
	const page = await pageAs(browser, ADMIN.email, 1280, 720);
	await page.goto('/');
	const header = page.getByRole('banner');
	const nav = page.getByRole('navigation', { name: 'Main' });
	// Playwright's default window, a common laptop and a 1080p screen.
	for (const [width, height] of [
		[1280, 720],
		[1366, 768],
		[1920, 1080]
	] as const) {
		await page.setViewportSize({ width, height });
		await expectOneLineHeader(page, organisation, width);
		await page.screenshot({
			path: `${SHOTS}/${width}-header.png`,
			clip: { x: 0, y: 0, width, height: 120 }
		});
	}
	await page.setViewportSize({ width: 1366, height: 768 });

	// The admin pages are one click away under Admin; Escape closes the menu.
	const adminMenu = nav.getByRole('button', { name: 'Admin', exact: true });
	await adminMenu.click();
	await expect(nav.getByRole('link', { name: 'Audit log' })).toBeVisible();
	await page.screenshot({ path: `${SHOTS}/1366-admin-menu.png` });
	await page.keyboard.press('Escape');
	await expect(nav.getByRole('link', { name: 'Audit log' })).toBeHidden();
	await expect(adminMenu).toBeFocused();

	// The bell is a drawing, named with the unread count; no emoji to show as a box.
	const bell = header.getByRole('link', { name: /^Notifications, (\d+ unread|none unread)$/ });
	await expect(bell.locator('svg')).toHaveCount(1);
	expect(await bell.textContent()).not.toContain('🔔');

	await expect(header.getByRole('link', { name: organisation })).toBeVisible();

	for (const [width, height] of [
		[1920, 1080],
		[1024, 768]
	] as const) {
		await page.setViewportSize({ width, height });
		expect((await header.boundingBox())!.height, `${width} px`).toBeLessThan(72);
		await page.screenshot({ path: `${SHOTS}/${width}-dashboard.png` });
	}
	await page.context().close();
});

test('a new organisation name is in the header on the next page, not half a minute later', async ({
	browser
}) => {
	const settings = (await (await admin.get('/api/v1/settings/system')).json()) as {
		data: { key: string; value: string | null }[];
	};
	const before = settings.data.find((s) => s.key === 'organisation.name')!.value!;
	const renamed = `Screens Care Co ${stamp()}`;
	const page = await pageAs(browser, ADMIN.email, 1366, 768);
	const brand = page.getByRole('banner').getByRole('link').first();
	try {
		// Loaded once with the old name, so the server has it cached.
		await page.goto('/admin/settings');
		await expect(brand).toHaveText(before);
		await page.getByLabel(/^Organisation name/).fill(renamed);
		await page.getByRole('button', { name: 'Save Organisation name' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
		await page.goto('/');
		await expect(brand).toHaveText(renamed);
		await expect(brand).toHaveAttribute('title', renamed);
	} finally {
		const back = await admin.patch('/api/v1/settings/system', {
			data: { key: 'organisation.name', value: before }
		});
		expect(back.status(), await back.text()).toBe(200);
		await page.context().close();
	}
});

test('dates read "8 Dec 2026", and times follow the 12- or 24-hour choice', async ({ browser }) => {
	// An event at 14:00 tomorrow, provider time, on the journey's participant's hub.
	const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', {
		timeZone: ZONE
	});
	const at = (time: string) => fromWallClock(`${tomorrow}T${time}`, ZONE).toISOString();
	const title = `Screens visit ${stamp()}`;
	const event = await admin.post('/api/v1/calendar-events', {
		data: {
			title,
			participantId: participant.id,
			startDatetime: at('14:00'),
			endDatetime: at('15:30'),
			eventType: 'meeting'
		}
	});
	expect(event.status(), await event.text()).toBe(201);

	const page = await pageAs(browser, ADMIN.email, 1366, 768);
	await page.goto('/settings');
	await page.getByLabel('Time format').selectOption('24h');
	await page.getByRole('button', { name: 'Save preferences' }).click();
	await expect(page.getByText('Your preferences are saved')).toBeVisible();

	await page.goto(`/participants/${participant.id}`);
	await expect(page.getByText('8 Dec 2026').first()).toBeVisible();
	const events = page.getByRole('region', { name: 'Upcoming events' });
	await expect(events).toContainText(/\d{1,2} [A-Z][a-z]{2} \d{4}, 14:00/);

	await page.goto('/settings');
	await page.getByLabel('Time format').selectOption('12h');
	await page.getByRole('button', { name: 'Save preferences' }).click();
	await expect(page.getByText('Your preferences are saved')).toBeVisible();
	await page.goto(`/participants/${participant.id}`);
	await expect(events).toContainText(/\d{1,2} [A-Z][a-z]{2} \d{4}, 2:00 pm/);
	await expect(events).not.toContainText('14:00');

	// The rostering board too: the shift's block, its accessible name and the list's own times.
	await page.goto(`/calendar?view=listWeek&date=${tomorrow}&participantId=${participant.id}`);
	const shift = page.locator('.ec-event', { hasText: title });
	await expect(shift.locator('.ev-time')).toHaveText('2:00 pm');
	await expect(shift.locator('.ev-end')).toHaveText('3:30 pm');
	await expect(shift).toHaveAttribute('aria-label', /, \w{3} \d{1,2} \w{3} 2:00 pm–3:30 pm, /);
	expect(await page.locator('main .ec').textContent()).not.toMatch(/\b14:00\b/);
	await page.context().close();
});

test('record history reads in words: field labels, people by name, no ids', async ({ browser }) => {
	const changed = await admin.patch(`/api/v1/participants/${participant.id}`, {
		data: { planEndDate: '2026-12-18' }
	});
	expect(changed.status(), await changed.text()).toBe(200);
	const page = await pageAs(browser, ADMIN.email, 1366, 768);
	await page.goto(`/participants/${participant.id}`);
	const history = page.getByRole('table', { name: 'Changes to this record' });
	await expect(history).toContainText('Plan end date');
	await expect(history).toContainText('8 Dec 2026');
	await expect(history).toContainText('18 Dec 2026');
	await expect(history).toContainText(adminName);
	expect(await history.textContent()).not.toMatch(UUID);
	expect(await history.textContent()).not.toContain('plan_end_date');

	// The record's own history page names it, too.
	await page.goto(`/admin/audit/participants/${participant.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(participant.name);
	expect(await page.locator('main').textContent()).not.toMatch(UUID);
	await page.screenshot({ path: `${SHOTS}/1366-record-history.png`, fullPage: true });
	await page.context().close();
});

test("a document download keeps its file's extension", async ({ browser }) => {
	const name = `Care plan ${stamp()}`;
	const uploaded = await admin.post('/api/v1/documents', {
		headers: { Origin: origin },
		multipart: {
			file: { name: 'scan.pdf', mimeType: 'application/pdf', buffer: minimalPdf(['Care plan']) },
			type: 'report',
			name,
			participantId: participant.id
		}
	});
	expect(uploaded.status(), await uploaded.text()).toBe(201);
	const page = await pageAs(browser, ADMIN.email, 1366, 768);
	await page.goto(`/participants/${participant.id}`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page
			.getByRole('link', { name: new RegExp(name) })
			.first()
			.click()
	]);
	expect(download.suggestedFilename()).toBe(`${name}.pdf`);
	await page.context().close();
});

test('the wall figures are never cut off at 720p, 1080p and 4K', async ({ browser }) => {
	const made = await admin.post('/api/v1/display-tokens', {
		data: { name: `Screens check ${stamp()}` }
	});
	expect(made.status()).toBe(201);
	const { id, token } = (await made.json()) as { id: string; token: string };
	try {
		for (const [width, height] of [
			[1280, 720],
			[1920, 1080],
			[3840, 2160]
		] as const) {
			const context = await browser.newContext({ viewport: { width, height } });
			const page: Page = await context.newPage();
			await page.goto(`/wall/budget?token=${token}`);
			await expect(page.getByTestId('used-budget')).toBeVisible();
			const figures = await page.locator('[data-figure]').evaluateAll((els) =>
				els.map((el) => ({
					text: el.textContent?.trim(),
					overflow: el.scrollWidth - el.clientWidth,
					ellipsis: getComputedStyle(el).textOverflow
				}))
			);
			expect(figures.length).toBeGreaterThanOrEqual(9);
			for (const figure of figures) {
				expect(figure.overflow, `${figure.text} at ${width}x${height}`).toBeLessThanOrEqual(0);
				expect(figure.ellipsis).not.toBe('ellipsis');
			}
			await page.screenshot({ path: `${SHOTS}/wall-${width}.png` });
			await context.close();
		}
	} finally {
		await admin.delete(`/api/v1/display-tokens/${id}`);
	}
});
