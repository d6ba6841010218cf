/**
 * The rostering board as a coordinator reads it on a laptop and on a 1080p screen: the default
 * view shows the whole week without sideways scrolling, every shift says who, with whom and when
 * (on the board, in its tooltip and to a screen reader), and two staff members with the same name
 * are told apart. Screenshots of both sizes are kept with the test results.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { fromWallClock } from '../src/lib/shared/zone';
import { ADMIN, COORDINATOR } from './support/accounts';
import { useClock } from './support/session';

const ZONE = 'Australia/Sydney';
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const newNdisNumber = () => `43${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
const at = (time: string) => fromWallClock(`${today}T${time}`, ZONE).toISOString();
/** "Tue 8 Dec", as the board writes a day. */
const dayText = new Intl.DateTimeFormat('en-AU', {
	weekday: 'short',
	day: 'numeric',
	month: 'short',
	timeZone: 'UTC'
})
	.format(new Date(`${today}T00:00:00Z`))
	.replace(',', '');

/** Two support workers with one name: kept from run to run (found, or made once). */
const TWINS = [
	{ email: 'twin-a@e2e.test', name: 'Kai Twin' },
	{ email: 'twin-b@e2e.test', name: 'Kai Twin' }
];

let coordinator: APIRequestContext;
let restoreClock: () => Promise<void>;
let participant: { id: string; name: string };
const twins: { id: string; email: string }[] = [];
const shifts: { id: string; version: number; title: string }[] = [];

test.beforeAll(async ({ playwright, baseURL }) => {
	const admin = await playwright.request.newContext({ baseURL });
	expect((await admin.post('/api/v1/auth/login', { data: ADMIN })).status()).toBe(200);
	for (const twin of TWINS) {
		const found = await admin.get(`/api/v1/users?q=${encodeURIComponent(twin.email)}`);
		let user = ((await found.json()) as { data: { id: string; email: string }[] }).data.find(
			(u) => u.email === twin.email
		);
		if (!user) {
			const created = await admin.post('/api/v1/users', {
				data: { ...twin, role: 'support_worker', password: 'twin-e2e-password-2026' }
			});
			expect(created.status(), await created.text()).toBe(201);
			user = (await created.json()) as { id: string; email: string };
		}
		twins.push({ id: user.id, email: twin.email });
	}
	await admin.dispose();

	coordinator = await playwright.request.newContext({ baseURL });
	expect((await coordinator.post('/api/v1/auth/login', { data: COORDINATOR })).status()).toBe(200);
	// The times below are read on the 24-hour clock (the demo coordinator chose the 12-hour one).
	restoreClock = await useClock(coordinator, '24h');
	const name = `E2E Reader ${stamp()}`;
	const created = await coordinator.post('/api/v1/participants', {
		data: {
			ndisNumber: newNdisNumber(),
			name,
			planStartDate: '2026-01-01',
			planEndDate: '2028-12-31',
			totalBudget: '20000.00'
		}
	});
	expect(created.status()).toBe(201);
	participant = { id: ((await created.json()) as { id: string }).id, name };
	// An earlier run's shifts for the twins today would clash with these.
	for (const twin of twins) {
		const earlier = await coordinator.get(
			`/api/v1/calendar-events?from=${at('00:00')}&to=${at('23:59')}&staffId=${twin.id}`
		);
		const { data } = (await earlier.json()) as { data: { id: string; version: number }[] };
		for (const e of data) {
			await coordinator.delete(`/api/v1/calendar-events/${e.id}?version=${e.version}`);
		}
	}
	for (const [i, twin] of twins.entries()) {
		expect(
			(
				await coordinator.post(`/api/v1/participants/${participant.id}/staff`, {
					data: { userId: twin.id }
				})
			).status()
		).toBe(201);
		const shift = await coordinator.post('/api/v1/calendar-events', {
			data: {
				title: `Readable shift ${stamp()}`,
				participantId: i === 0 ? participant.id : null,
				staffId: twin.id,
				startDatetime: at(i === 0 ? '09:00' : '13:30'),
				endDatetime: at(i === 0 ? '11:00' : '15:00'),
				eventType: 'session',
				location: '5 Board Street, Parramatta'
			}
		});
		expect(shift.status(), await shift.text()).toBe(201);
		shifts.push((await shift.json()) as { id: string; version: number; title: string });
	}
});

test.afterAll(async () => {
	// Any version: the week journey moves one of them.
	for (const s of shifts) await coordinator.delete(`/api/v1/calendar-events/${s.id}`);
	await restoreClock?.();
	await coordinator.dispose();
});

async function boardAt(browser: Browser, width: number, height: number) {
	const context = await browser.newContext({ viewport: { width, height } });
	const signedIn = await context.request.post('/api/v1/auth/login', { data: COORDINATOR });
	expect(signedIn.status()).toBe(200);
	const page = await context.newPage();
	await page.goto('/calendar');
	await expect(page.getByTestId('shown-count')).toBeVisible();
	return page;
}

for (const [width, height] of [
	[1366, 768],
	[1920, 1080]
] as const) {
	test(`at ${width}×${height} the week fits and every shift says who, with whom and when`, async ({
		browser
	}) => {
		const page = await boardAt(browser, width, height);
		await expect(page.getByRole('button', { name: 'Staff · week' })).toHaveClass(/ec-active/);

		// The whole week, with nothing to scroll sideways: not the board, not the page.
		const board = page.locator('.ec-main');
		const overflow = await board.evaluate((el) => ({
			board: el.scrollWidth - el.clientWidth,
			page: document.documentElement.scrollWidth - document.documentElement.clientWidth
		}));
		expect(overflow).toEqual({ board: 0, page: 0 });
		const days = page.locator('.ec-header .ec-col-head time');
		await expect(days).toHaveCount(7);
		for (const day of await days.all()) await expect(day).toBeInViewport({ ratio: 1 });

		// A known shift, as anyone sees it, hovers over it, or hears it.
		const [first, second] = shifts;
		const [twinA, twinB] = TWINS;
		const shift = page.locator('.ec-event', { hasText: first!.title });
		await shift.scrollIntoViewIfNeeded();
		await expect(shift).toBeInViewport({ ratio: 1 });
		const who = `Kai Twin (${twinA!.email})`;
		await expect(shift).toContainText(who);
		await expect(shift).toContainText(`with ${participant.name}`);
		await expect(shift).toContainText('09:00–11:00');
		const name = `${who} with ${participant.name}, ${dayText} 09:00–11:00, ${first!.title}, Scheduled`;
		await expect(shift).toHaveAttribute('title', name);
		await expect(page.getByRole('button', { name, exact: true })).toHaveCount(1);
		// Wide enough to read: the names are not cut to a few letters.
		expect((await shift.boundingBox())!.width).toBeGreaterThan(140);

		// Two people called Kai Twin: their rows and their shifts say which is which.
		await expect(page.locator('.row-label', { hasText: who })).toHaveCount(1);
		await expect(page.locator('.row-label', { hasText: `Kai Twin (${twinB!.email})` })).toHaveCount(
			1
		);
		await expect(page.locator('.ec-event', { hasText: second!.title })).toHaveAttribute(
			'aria-label',
			`Kai Twin (${twinB!.email}), ${dayText} 13:30–15:00, ${second!.title}, Scheduled`
		);

		// Enter on a shift opens it.
		await shift.focus();
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', { name: 'Edit event' });
		await expect(dialog.getByLabel('Title')).toHaveValue(first!.title);
		await page.keyboard.press('Escape');
		await expect(dialog).toHaveCount(0);

		// The board's markup gives a screen reader nothing broken.
		const scan = await new AxeBuilder({ page }).include('.board').analyze();
		const serious = scan.violations.filter((v) => ['critical', 'serious'].includes(v.impact!));
		expect(serious.map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);

		await page.screenshot({ path: test.info().outputPath(`board-${width}.png`) });
		await page.context().close();
	});
}

test('in the week, a shift dragged to another day keeps its times, and a day picked on a row opens a morning draft', async ({
	browser
}) => {
	const page = await boardAt(browser, 1366, 768);
	const [, second] = shifts;
	const [twinA] = twins;
	const shift = page.locator('.ec-event', { hasText: second!.title });
	await shift.scrollIntoViewIfNeeded();
	const heads = page.locator('.ec-header .ec-col-head');
	const todayIndex = await heads.evaluateAll(
		(els, date) => els.findIndex((el) => el.querySelector(`time[datetime="${date}"]`)),
		today
	);
	// To the next day, or on a Sunday to the day before.
	const step = todayIndex < 6 ? 1 : -1;
	const target = (await heads.nth(todayIndex + step).boundingBox())!;
	const from = (await shift.boundingBox())!;
	await page.mouse.move(from.x + 20, from.y + from.height / 2);
	await page.mouse.down();
	await page.mouse.move(from.x + 20 + (step * target.width) / 2, from.y + from.height / 2, {
		steps: 6
	});
	await page.mouse.move(from.x + 20 + step * target.width, from.y + from.height / 2, {
		steps: 6
	});
	await page.mouse.up();
	const otherDay = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(
		new Date(Date.parse(at('12:00')) + step * 86_400_000)
	);
	await expect
		.poll(async () => {
			const got = await coordinator.get(`/api/v1/calendar-events/${second!.id}`);
			return ((await got.json()) as { startDatetime: string }).startDatetime;
		})
		.toBe(fromWallClock(`${otherDay}T13:30`, ZONE).toISOString());
	await expect(shift).toContainText('13:30–15:00');

	// A press on twin A's row, on a day with nothing yet: a draft from nine that morning.
	const label = page.locator('.row-label', { hasText: `(${twinA!.email})` });
	await label.scrollIntoViewIfNeeded();
	const row = (await label.boundingBox())!;
	const day = (await heads.nth(todayIndex + step).boundingBox())!;
	const y = row.y + row.height / 2;
	await page.mouse.move(day.x + 10, y);
	await page.mouse.down();
	await page.mouse.move(day.x + 30, y, { steps: 4 });
	await page.mouse.up();
	const dialog = page.getByRole('dialog', { name: 'New event' });
	await expect(dialog.getByLabel(/^Start/)).toHaveValue(`${otherDay}T09:00`);
	await expect(dialog.getByLabel(/^End/)).toHaveValue(`${otherDay}T12:00`);
	await expect(dialog.getByLabel('Staff member')).toHaveValue(twinA!.id);
	await page.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);
	await page.context().close();
});
