/**
 * The OpenAPI document against the running server: every GET endpoint, called with real ids from
 * the demo data as a super admin (and a support worker's own endpoints as that worker), answers a
 * body that fits the schema the document gives for that status. A client generated from the
 * document must be able to read what the server really sends.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { responseValidator, type OpenApiDocument } from '../tests/openapi-responses';
import { ADMIN, WORKER } from './support/accounts';
import { apiAs } from './support/session';

type Validator = ReturnType<typeof responseValidator>;
type Page = { data: Record<string, unknown>[] };

let document: OpenApiDocument;
let check: Validator;

test.beforeAll(async ({ playwright, baseURL }) => {
	const anonymous = await playwright.request.newContext({ baseURL });
	const response = await anonymous.get('/api/v1/openapi.json');
	expect(response.status()).toBe(200);
	document = await response.json();
	check = responseValidator(document);
	await anonymous.dispose();
});

/** Calls `url` (an instance of the documented `path`) and checks the answer against the document. */
async function call(api: APIRequestContext, path: string, url = path, status = 200) {
	const response = await api.get(url);
	expect(response.status(), `GET ${url}: ${await response.text()}`).toBe(status);
	const body = await response.json();
	expect(check.problems(path, 'get', status, body), `GET ${url}`).toEqual([]);
	return body;
}

const firstId = (page: Page, what: string) => {
	expect(page.data.length, `the demo data has ${what}`).toBeGreaterThan(0);
	return String(page.data[0]!.id);
};

test('every GET answers what the document describes, for a super admin', async ({
	playwright,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { context: api, me } = await apiAs(playwright, baseURL, ADMIN.email);
	const called = new Set<string>();
	const get = async (path: string, url = path) => {
		called.add(path);
		return call(api, path, url);
	};

	await get('/api/v1/me');
	await get('/api/v1/openapi.json');
	await get('/api/v1/users', '/api/v1/users?limit=100');
	await get('/api/v1/users/{id}', `/api/v1/users/${me.id}`);
	const participants: Page = await get('/api/v1/participants', '/api/v1/participants?limit=100');
	// A participant with goals, so the goal endpoints answer a real one.
	let participantId = '';
	let goalId = '';
	for (const p of participants.data.slice(0, 20)) {
		const goals: Page = await get(
			'/api/v1/participants/{id}/goals',
			`/api/v1/participants/${p.id}/goals`
		);
		if (goals.data.length > 0) {
			participantId = String(p.id);
			goalId = String(goals.data[0]!.id);
			break;
		}
	}
	expect(goalId, 'a demo participant with goals').not.toBe('');
	await get('/api/v1/participants/{id}', `/api/v1/participants/${participantId}`);
	await get('/api/v1/participants/{id}/staff', `/api/v1/participants/${participantId}/staff`);
	await get(
		'/api/v1/participants/{id}/goals/{goalId}',
		`/api/v1/participants/${participantId}/goals/${goalId}`
	);

	const exported = await api.get(`/api/v1/participants/${participantId}/export`);
	called.add('/api/v1/participants/{id}/export');
	expect(exported.status()).toBe(200);
	const documented = document.paths['/api/v1/participants/{id}/export']!.get!.responses['200']!;
	expect(Object.keys(documented.content!)).toEqual([exported.headers()['content-type']]);

	const documents: Page = await get('/api/v1/documents', '/api/v1/documents?limit=100');
	await get('/api/v1/documents/{id}', `/api/v1/documents/${firstId(documents, 'documents')}`);
	const notes: Page = await get('/api/v1/progress-notes', '/api/v1/progress-notes?limit=100');
	await get('/api/v1/progress-notes/{id}', `/api/v1/progress-notes/${firstId(notes, 'notes')}`);
	await get('/api/v1/audit-logs', '/api/v1/audit-logs?limit=100');
	const staff: Page = await get('/api/v1/staff', '/api/v1/staff?limit=100');
	await get('/api/v1/staff/{id}', `/api/v1/staff/${firstId(staff, 'staff')}`);
	const items: Page = await get('/api/v1/item-codes', '/api/v1/item-codes?limit=100');
	await get('/api/v1/item-codes/{id}', `/api/v1/item-codes/${firstId(items, 'item codes')}`);
	await get('/api/v1/settings/system');
	await get('/api/v1/settings/me');
	const sessions: Page = await get('/api/v1/session-logs', '/api/v1/session-logs?limit=100');
	await get('/api/v1/session-logs/{id}', `/api/v1/session-logs/${firstId(sessions, 'sessions')}`);
	const notifications: Page = await get('/api/v1/notifications', '/api/v1/notifications?limit=100');
	await get(
		'/api/v1/notifications/{id}',
		`/api/v1/notifications/${firstId(notifications, 'notifications for the admin')}`
	);
	// The board's range: every event of three weeks around today.
	const from = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
	const to = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
	const events: Page = await get(
		'/api/v1/calendar-events',
		`/api/v1/calendar-events?from=${from}&to=${to}`
	);
	await get('/api/v1/calendar-events/{id}', `/api/v1/calendar-events/${firstId(events, 'events')}`);
	await get('/api/v1/calendar-feed');
	await get('/api/v1/admin/queues');
	await get('/api/v1/display-tokens');

	const everyGet = Object.entries(document.paths)
		.filter(([, methods]) => methods.get)
		.map(([path]) => path);
	expect([...called].sort()).toEqual(everyGet.sort());
	await api.dispose();
});

test('a support worker’s own endpoints answer what the document describes', async ({
	playwright,
	baseURL
}) => {
	const { context: api, me } = await apiAs(playwright, baseURL, WORKER.email);
	await call(api, '/api/v1/me');
	await call(api, '/api/v1/users');
	await call(api, '/api/v1/users/{id}', `/api/v1/users/${me.id}`);
	const participants: Page = await call(api, '/api/v1/participants');
	const participantId = firstId(participants, 'participants assigned to the demo worker');
	await call(api, '/api/v1/participants/{id}', `/api/v1/participants/${participantId}`);
	await call(api, '/api/v1/participants/{id}/staff', `/api/v1/participants/${participantId}/staff`);
	await call(api, '/api/v1/participants/{id}/goals', `/api/v1/participants/${participantId}/goals`);
	// Colleagues' pay and hours are left out for a worker; the document allows for that.
	const staff: Page = await call(api, '/api/v1/staff', '/api/v1/staff?limit=100');
	for (const member of staff.data.slice(0, 5)) {
		await call(api, '/api/v1/staff/{id}', `/api/v1/staff/${member.id}`);
	}
	const sessions: Page = await call(api, '/api/v1/session-logs');
	await call(
		api,
		'/api/v1/session-logs/{id}',
		`/api/v1/session-logs/${firstId(sessions, 'sessions')}`
	);
	const events: Page = await call(api, '/api/v1/calendar-events');
	for (const event of events.data.slice(0, 1)) {
		await call(api, '/api/v1/calendar-events/{id}', `/api/v1/calendar-events/${event.id}`);
	}
	const notifications: Page = await call(api, '/api/v1/notifications');
	for (const notification of notifications.data.slice(0, 1)) {
		await call(api, '/api/v1/notifications/{id}', `/api/v1/notifications/${notification.id}`);
	}
	const documents: Page = await call(api, '/api/v1/documents');
	for (const doc of documents.data.slice(0, 1)) {
		await call(api, '/api/v1/documents/{id}', `/api/v1/documents/${doc.id}`);
	}
	await call(api, '/api/v1/progress-notes');
	await call(api, '/api/v1/settings/me');
	await call(api, '/api/v1/calendar-feed');
	await api.dispose();
});

test('failures answer a status the document lists, in its error shape', async ({
	playwright,
	baseURL
}) => {
	const anonymous = await playwright.request.newContext({ baseURL });
	await call(anonymous, '/api/v1/participants', '/api/v1/participants', 401);
	await anonymous.dispose();

	const { context: worker } = await apiAs(playwright, baseURL, WORKER.email);
	await call(worker, '/api/v1/admin/queues', '/api/v1/admin/queues', 403);
	await worker.dispose();

	const { context: admin } = await apiAs(playwright, baseURL, ADMIN.email);
	await call(admin, '/api/v1/users', '/api/v1/users?limit=1000', 400);
	await call(admin, '/api/v1/calendar-events', '/api/v1/calendar-events?from=someday', 400);
	await call(admin, '/api/v1/participants/{id}', `/api/v1/participants/${randomUUID()}`, 404);
	// A JSON endpoint sent a form: 415, as the document says.
	const form = await admin.post('/api/v1/progress-notes', {
		headers: { Origin: new URL(baseURL!).origin },
		form: { notes: 'x' }
	});
	expect(form.status()).toBe(415);
	expect(check.problems('/api/v1/progress-notes', 'post', 415, await form.json())).toEqual([]);
	await admin.dispose();
});

test('a calendar delete takes the version it read; a stale one answers 409 with the event as it is', async ({
	playwright,
	baseURL
}) => {
	const { context: admin } = await apiAs(playwright, baseURL, ADMIN.email);
	const path = '/api/v1/calendar-events/{id}';
	const matches = (method: string, status: number, body: unknown) =>
		expect(check.problems(path, method, status, body)).toEqual([]);
	// Nobody rostered and years ahead: no one is notified and no board shows it.
	const start = new Date(Date.UTC(2099, 0, 1 + Math.floor(Math.random() * 300), 9));
	const created = await admin.post('/api/v1/calendar-events', {
		data: {
			title: `OpenAPI check ${randomUUID().slice(0, 8)}`,
			eventType: 'meeting',
			startDatetime: start.toISOString(),
			endDatetime: new Date(start.getTime() + 3600_000).toISOString()
		}
	});
	expect(created.status()).toBe(201);
	const event = await created.json();
	expect(check.problems('/api/v1/calendar-events', 'post', 201, event)).toEqual([]);
	const url = `/api/v1/calendar-events/${event.id}`;

	const moved = await admin.patch(url, { data: { version: event.version, location: 'Room 2' } });
	expect(moved.status()).toBe(200);
	matches('patch', 200, await moved.json());

	const stalePatch = await admin.patch(url, { data: { version: event.version, location: 'X' } });
	expect(stalePatch.status()).toBe(409);
	const stale = await stalePatch.json();
	matches('patch', 409, stale);
	expect(stale.current).toMatchObject({ id: event.id, version: event.version + 1 });

	const badVersion = await admin.delete(`${url}?version=0`);
	expect(badVersion.status()).toBe(400);
	const refused = await badVersion.json();
	matches('delete', 400, refused);
	expect(refused.error.fields.version).toBe('must be a whole number of at least 1');

	const staleDelete = await admin.delete(`${url}?version=${event.version}`);
	expect(staleDelete.status()).toBe(409);
	matches('delete', 409, await staleDelete.json());
	expect((await admin.delete(`${url}?version=${event.version + 1}`)).status()).toBe(204);
	expect((await admin.get(url)).status()).toBe(404);
	await admin.dispose();
});
