/**
 * Every page as every role, checked by axe-core against WCAG 2.1 A and AA: no critical or serious
 * violation anywhere. Each role opens the pages its policy lets it open, with real records (a
 * participant it may see, one of its sessions, a staff member, an item); the wall displays are
 * opened with a display link, and the sign-in pages by nobody. A failure names the rule, the
 * elements and axe's help, so it can be fixed without rerunning by hand.
 */
import AxeBuilder from '@axe-core/playwright';
import {
	expect,
	test,
	type APIRequestContext,
	type Browser,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';
import { ADMIN, ALLIED, COORDINATOR, WORKER } from './support/accounts';
import { apiAs } from './support/session';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
type Login = { email: string; password: string };
type StorageState = Exclude<BrowserContextOptions['storageState'], string | undefined>;

/** Runs axe on what the page shows now; describes each serious or critical violation. */
async function seriousViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	return results.violations
		.filter((v) => v.impact === 'critical' || v.impact === 'serious')
		.map((v) => {
			const nodes = v.nodes.slice(0, 6).map((n) => {
				const why = n.failureSummary?.split('\n').slice(1).join(' ').trim();
				return `      ${n.target.join(' ')}${why ? `: ${why}` : ''}`;
			});
			if (v.nodes.length > 6) nodes.push(`      … and ${v.nodes.length - 6} more`);
			return `  ${v.id} (${v.impact}): ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`;
		});
}

/** Opens a path, expects it to be served, and lets the page hydrate and draw. */
async function open(page: Page, path: string, ready?: (page: Page) => Promise<void>) {
	const response = await page.goto(path, { waitUntil: 'load' });
	expect(response?.status(), `${path} answered`).toBe(200);
	// Hydration, live connections and charts settle; a live socket keeps no request pending.
	await page.waitForLoadState('networkidle').catch(() => {});
	await ready?.(page);
}

async function firstId(api: APIRequestContext, path: string, what: string): Promise<string> {
	const response = await api.get(path);
	expect(response.status(), `${path}`).toBe(200);
	const body = (await response.json()) as { data: { id: string }[] };
	const id = body.data[0]?.id;
	expect(id, `the test database has ${what}`).toBeTruthy();
	return id!;
}

type Visit = { path: string; ready?: (page: Page) => Promise<void> };
const calendarDrawn = async (page: Page) => {
	await expect(page.locator('.ec-toolbar')).toBeVisible();
	await page.waitForTimeout(300);
};

type RoleCase = {
	name: string;
	login: Login;
	manager: boolean;
	admin: boolean;
};
const ROLES: RoleCase[] = [
	{ name: 'super_admin', login: ADMIN, manager: true, admin: true },
	{ name: 'support_coordinator', login: COORDINATOR, manager: true, admin: false },
	{ name: 'support_worker', login: WORKER, manager: false, admin: false },
	{ name: 'allied_health', login: ALLIED, manager: false, admin: false }
];

/** The pages a role may open, with the records it may see filled in. */
function pagesFor(
	role: RoleCase,
	ids: { participant: string; staff: string; session: string | null; item: string }
): Visit[] {
	const pages: Visit[] = [
		{ path: '/' },
		{ path: '/participants' },
		{ path: `/participants/${ids.participant}` },
		{ path: '/staff' },
		{ path: `/staff/${ids.staff}` },
		{ path: '/calendar', ready: calendarDrawn },
		{ path: '/calendar?view=timeGridWeek', ready: calendarDrawn },
		{ path: '/calendar?view=listWeek', ready: calendarDrawn },
		{ path: '/sessions' },
		{ path: '/sessions/new' },
		{ path: '/documents' },
		{ path: '/item-codes' },
		{ path: `/item-codes/${ids.item}` },
		{ path: '/notifications' },
		{ path: '/settings' },
		{ path: '/search?q=an' }
	];
	if (ids.session) pages.push({ path: `/sessions/${ids.session}` });
	if (role.manager) {
		pages.push(
			{ path: '/participants/new' },
			{ path: `/participants/${ids.participant}/edit` },
			{ path: '/calendar?view=resourceTimelineDay', ready: calendarDrawn },
			{ path: '/calendar?view=dayGridMonth', ready: calendarDrawn },
			{ path: '/budgets' },
			{ path: '/admin/settings' },
			{ path: `/admin/audit/participants/${ids.participant}` }
		);
	} else {
		pages.push({ path: '/calendar?view=dayGridMonth', ready: calendarDrawn });
	}
	if (role.admin) {
		pages.push(
			{ path: '/admin/users' },
			{ path: '/admin/audit' },
			{ path: '/admin/queues' },
			{ path: '/admin/displays' },
			{ path: '/admin/mail' }
		);
	}
	return pages;
}

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function scanAll(
	browser: Browser,
	storageState: StorageState | undefined,
	pages: Visit[],
	device: BrowserContextOptions = {}
) {
	const context = await browser.newContext({ ...device, storageState });
	const page = await context.newPage();
	const failures: string[] = [];
	for (const visit of pages) {
		await test.step(visit.path, async () => {
			try {
				await open(page, visit.path, visit.ready);
				const found = await seriousViolations(page);
				if (found.length > 0) failures.push(`${visit.path}\n${found.join('\n')}`);
			} catch (error) {
				failures.push(`${visit.path}\n  ${error instanceof Error ? error.message : error}`);
			}
		});
	}
	await context.close();
	// Every page is scanned before failing, so one run lists everything left to fix.
	expect(failures.length, `Serious or critical violations:\n\n${failures.join('\n\n')}`).toBe(0);
}

/** Records the signed-in role may open: the first of each list the API gives it. */
async function recordsFor(api: APIRequestContext) {
	const sessions = await api.get('/api/v1/session-logs?limit=1');
	return {
		participant: await firstId(api, '/api/v1/participants?limit=1', 'a participant'),
		staff: await firstId(api, '/api/v1/staff?limit=1', 'a staff member'),
		item: await firstId(api, '/api/v1/item-codes?limit=1', 'an item code'),
		session: ((await sessions.json()) as { data: { id: string }[] }).data[0]?.id ?? null
	};
}

for (const role of ROLES) {
	test(`axe finds nothing serious on any page the ${role.name} role opens`, async ({
		browser,
		playwright,
		baseURL
	}) => {
		test.setTimeout(240_000);
		const { context: api } = await apiAs(
			playwright,
			baseURL,
			role.login.email,
			role.login.password
		);
		const ids = await recordsFor(api);
		const state = await api.storageState();
		await api.dispose();
		await scanAll(browser, state, pagesFor(role, ids));
	});
}

test('axe finds nothing serious on the sign-in pages and the wall displays', async ({
	browser,
	playwright,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { context: admin } = await apiAs(playwright, baseURL, ADMIN.email, ADMIN.password);
	const made = await admin.post('/api/v1/display-tokens', {
		data: { name: `Accessibility check ${Date.now().toString(36)}` }
	});
	expect(made.status()).toBe(201);
	const { id, token } = (await made.json()) as { id: string; token: string };
	const live = async (page: Page) => {
		await expect(page.getByTestId('connection-state')).toHaveText('Live');
	};
	try {
		await scanAll(browser, undefined, [
			{ path: '/login' },
			{ path: '/forgot-password' },
			{ path: '/reset-password/no-such-link' },
			{ path: `/wall/budget?token=${token}`, ready: live },
			{ path: `/wall/roster?token=${token}`, ready: live }
		]);
	} finally {
		await admin.delete(`/api/v1/display-tokens/${id}`);
		await admin.dispose();
	}
});

// Workers log and follow their sessions on a phone; coordinators approve from one too. The
// phone layout (menu button, tables as cards, the board's list) is checked as well.
test('axe finds nothing serious on the pages people use on a phone', async ({
	browser,
	playwright,
	baseURL
}) => {
	test.setTimeout(180_000);
	for (const login of [WORKER, COORDINATOR]) {
		const { context: api } = await apiAs(playwright, baseURL, login.email, login.password);
		const ids = await recordsFor(api);
		const state = await api.storageState();
		await api.dispose();
		const pages: Visit[] = [
			{ path: '/' },
			{ path: '/sessions' },
			{ path: '/sessions/new' },
			{ path: `/participants/${ids.participant}` },
			{ path: '/calendar', ready: calendarDrawn },
			{ path: '/notifications' },
			{ path: '/settings' }
		];
		if (ids.session) pages.push({ path: `/sessions/${ids.session}` });
		await test.step(login.email, () => scanAll(browser, state, pages, PHONE));
	}
});
