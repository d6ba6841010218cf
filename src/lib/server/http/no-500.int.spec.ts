/**
 * Every request that once answered 500 in the hostile run, against the production server: invalid
 * calendar dates (2026-02-30 included) are 400 with the field's message; the reserved action name
 * is 404; one person's eight simultaneous feed links all succeed and leave one working link;
 * twelve simultaneous edits moving a session between months all succeed and leave one row; a NUL character anywhere is 400 naming the field; and an unexpected error on
 * /api answers the contract's shape with its error id.
 */
import { QueryTypes } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParticipant, createUser } from '../../../../tests/fixtures';
import {
	ensureBuild,
	freePort,
	killAll,
	startServer,
	type Started
} from '../../../../tests/server-process';
import { createSession, generateSessionToken } from '../auth/session';
import { closeDb, db, tx } from '../db';
import { runAs, SYSTEM } from '../db/context';
import { SessionLog, type Participant, type User } from '../db/models';
import { closeRedis } from '../redis';
import { addDays, localDate } from '../time';

let server: Started;
let admin: User;
let coordinator: User;
let worker: User;
let participant: Participant;
const cookies = new Map<string, string>();

async function signIn(user: User) {
	const token = generateSessionToken();
	await createSession(token, user.id);
	cookies.set(user.id, `session=${token}`);
}

type Options = { type?: string; headers?: Record<string, string>; base?: string };

function call(method: string, path: string, user?: User, body?: unknown, options: Options = {}) {
	const type = options.type ?? (body === undefined ? undefined : 'application/json');
	return fetch(`${options.base ?? server.base}${path}`, {
		method,
		headers: {
			...(user ? { cookie: cookies.get(user.id)! } : {}),
			...(type ? { 'content-type': type } : {}),
			origin: options.base ?? server.base,
			...options.headers
		},
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		redirect: 'manual'
	});
}

type ErrorAnswer = {
	error: { code: string; message: string; fields?: Record<string, string>; errorId?: string };
};

beforeAll(async () => {
	ensureBuild();
	[admin, coordinator, worker] = await runAs(SYSTEM, () =>
		tx(async () => [
			await createUser('super_admin', { name: 'Hostile Admin' }),
			await createUser('support_coordinator', { name: 'Hostile Coordinator' }),
			await createUser('support_worker', { name: 'Hostile Worker' })
		])
	);
	participant = await runAs(SYSTEM, () =>
		tx(() =>
			createParticipant(admin.id, { planStartDate: '2025-01-01', planEndDate: '2028-12-31' })
		)
	);
	for (const user of [admin, coordinator, worker]) await signIn(user);
	server = await startServer({ LOG_LEVEL: 'warn' });
}, 120_000);

afterAll(async () => {
	killAll();
	await closeRedis();
	await closeDb();
});

describe('dates from outside are real calendar dates', () => {
	it('refuses month 13 and 30 February on the audit log API with the field message', async () => {
		for (const [query, field] of [
			['from=2026-13-01', 'from'],
			['from=2026-02-30', 'from'],
			['to=2026-02-29', 'to'],
			['from=2026-04-31&to=2026-05-01', 'from']
		] as const) {
			const res = await call('GET', `/api/v1/audit-logs?${query}`, admin);
			expect(res.status, query).toBe(400);
			const body = (await res.json()) as ErrorAnswer;
			expect(body.error.code).toBe('validation');
			expect(body.error.fields?.[field], query).toBe('is not a real calendar date');
		}
		const leap = await call('GET', '/api/v1/audit-logs?from=2028-02-29&to=2028-03-01', admin);
		expect(leap.status).toBe(200);
	});

	it('shows the message on /admin/audit instead of failing the page', async () => {
		const res = await call('GET', '/admin/audit?from=2026-13-01', admin);
		expect(res.status).toBeLessThan(500);
		expect(await res.text()).toContain('is not a real calendar date');
	});

	it('refuses 30 February as a calendar range bound and inside an event time', async () => {
		const range = await call(
			'GET',
			'/api/v1/calendar-events?from=2026-02-30&to=2026-03-05',
			coordinator
		);
		expect(range.status).toBe(400);
		expect(((await range.json()) as ErrorAnswer).error.fields).toHaveProperty('from');
		const event = await call('POST', '/api/v1/calendar-events', coordinator, {
			title: 'Impossible day',
			eventType: 'meeting',
			status: 'scheduled',
			startDatetime: '2026-02-30T09:00:00+11:00',
			endDatetime: '2026-02-30T10:00:00+11:00'
		});
		expect(event.status).toBe(400);
		expect(((await event.json()) as ErrorAnswer).error.fields).toMatchObject({
			startDatetime: 'is not a real date and time'
		});
	});
});

describe("the reserved action name 'default'", () => {
	it('is an unknown action (404), signed in or not, with or without JavaScript', async () => {
		const form = 'application/x-www-form-urlencoded';
		const signedIn = await call('POST', '/participants?/default', admin, 'name=x', { type: form });
		expect(signedIn.status).toBe(404);
		const enhanced = await call('POST', '/admin/displays?/default', admin, 'name=x', {
			type: form,
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		expect(enhanced.status).toBe(404);
		const anonymous = await call('POST', '/login?/default', undefined, 'email=a', { type: form });
		expect(anonymous.status).toBe(404);
	});
});

describe('simultaneous writes', () => {
	it('eight feed links made at once by one person all succeed, and the last one made works', async () => {
		const answers = await Promise.all(
			Array.from({ length: 8 }, () => call('POST', '/api/v1/calendar-feed', worker))
		);
		expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
		const urls = await Promise.all(
			answers.map(async (a) => ((await a.json()) as { url: string }).url)
		);
		const [row] = await runAs(SYSTEM, () =>
			tx(() =>
				db().query<{ count: string }>(
					`SELECT count(*) FROM calendar_feed_tokens WHERE user_id = $1`,
					{ bind: [worker.id], type: QueryTypes.SELECT }
				)
			)
		);
		expect(Number(row!.count)).toBe(1);
		const opened = await Promise.all(
			urls.map(async (url) => (await fetch(url.replace(/^https?:\/\/[^/]+/, server.base))).status)
		);
		expect(opened.filter((s) => s === 200)).toHaveLength(1);
		expect(opened.filter((s) => s === 404)).toHaveLength(7);
	});

	it('twelve edits at once moving a session between months all succeed, one after another', async () => {
		const today = localDate(new Date());
		const thisMonth = `${today.slice(0, 8)}01`;
		const lastMonth = `${addDays(thisMonth, -1).slice(0, 8)}10`;
		const session = await runAs(SYSTEM, () =>
			tx(() =>
				SessionLog.create({
					participantId: participant.id,
					staffId: worker.id,
					ndisItemCodeId: null,
					serviceType: 'Community access',
					sessionDate: lastMonth,
					startTime: '09:00',
					endTime: '10:00',
					durationHours: '1.00',
					notes: null,
					outcomes: null,
					nextSteps: null,
					participantMood: null,
					challenges: null,
					achievements: null,
					rejectionReason: null,
					approvedBy: null,
					approvedAt: null
				})
			)
		);
		const dates = [thisMonth, lastMonth];
		const answers = await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				call('PATCH', `/api/v1/session-logs/${session.id}`, coordinator, {
					sessionDate: dates[i % 2],
					notes: `edit ${i}`
				})
			)
		);
		const statuses = answers.map((a) => a.status);
		// Each edit waits for the one before it, so none fails: no 500, and no 409 either.
		expect(statuses).toEqual(Array(12).fill(200));
		const rows = await runAs(SYSTEM, () =>
			tx(() => SessionLog.findAll({ where: { id: session.id } }))
		);
		expect(rows).toHaveLength(1);
		expect(dates).toContain(rows[0]!.sessionDate);
		// One more edit afterwards works: nothing was left locked or half-moved.
		const after = await call('PATCH', `/api/v1/session-logs/${session.id}`, coordinator, {
			sessionDate: thisMonth
		});
		expect(after.status).toBe(200);
	});
});

describe('NUL characters are refused everywhere, naming the field', () => {
	const NUL = 'must not contain a NUL character';

	it('in JSON bodies: a display-token name, a participant name, session notes', async () => {
		const token = await call('POST', '/api/v1/display-tokens', admin, { name: 'Foyer\u0000' });
		expect(token.status).toBe(400);
		expect(await token.json()).toMatchObject({
			error: { code: 'validation', fields: { name: NUL } }
		});
		const person = await call('POST', '/api/v1/participants', coordinator, {
			name: 'Ann\u0000',
			ndisNumber: '430000000'
		});
		expect(person.status).toBe(400);
		expect(((await person.json()) as ErrorAnswer).error.fields).toMatchObject({ name: NUL });
		const notes = await call('POST', '/api/v1/session-logs', coordinator, {
			participantId: participant.id,
			outcomes: ['fine', 'bad\u0000']
		});
		expect(notes.status).toBe(400);
		expect(((await notes.json()) as ErrorAnswer).error.fields).toMatchObject({
			'outcomes.1': NUL
		});
	});

	it('in the address: a search term, and the path', async () => {
		const search = await call('GET', '/api/v1/participants?search=a%00b', coordinator);
		expect(search.status).toBe(400);
		expect(((await search.json()) as ErrorAnswer).error.fields).toMatchObject({ search: NUL });
		const page = await call('GET', '/participants?search=%00', coordinator);
		expect(page.status).toBe(400);
		const path = await call('GET', '/admin/audit/users%00/x', admin);
		expect(path.status).toBe(400);
	});

	it('in a form: the failure names the field, with or without JavaScript', async () => {
		const form = 'application/x-www-form-urlencoded';
		const enhanced = await call('POST', '/admin/displays?/create', admin, 'name=Foyer%00', {
			type: form,
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
		expect(enhanced.status).toBe(400);
		const result = (await enhanced.json()) as { type: string; data: string };
		expect(result.type).toBe('failure');
		expect(JSON.parse(result.data)).toContain(NUL);
		const plain = await call('POST', '/admin/displays?/create', admin, 'name=Foyer%00', {
			type: form
		});
		expect(plain.status).toBe(400);
		const upload = new FormData();
		upload.set('name', 'report\u0000.pdf');
		upload.set('file', new Blob(['%PDF-1.4\n']), 'report.pdf');
		const multipart = await fetch(`${server.base}/api/v1/documents`, {
			method: 'POST',
			headers: { cookie: cookies.get(admin.id)!, origin: server.base },
			body: upload
		});
		expect(multipart.status).toBe(400);
		expect(((await multipart.json()) as ErrorAnswer).error.fields).toMatchObject({ name: NUL });
	});
});

describe('an unexpected error on /api', () => {
	it("answers the contract's shape with an error id; pages keep their error page", async () => {
		// A web process whose database has gone: every query fails, in a hook or in a route.
		const broken = await startServer({
			LOG_LEVEL: 'fatal',
			DATABASE_URL: 'postgres://ndis_app:ndis_app@127.0.0.1:5432/ndis_no_such_database'
		});
		const options = { base: broken.base };
		const inHook = await call('GET', '/api/v1/participants', admin, undefined, options);
		const inRoute = await call(
			'POST',
			'/api/v1/auth/login',
			undefined,
			{ email: 'nobody@example.org', password: 'not-a-real-password' },
			options
		);
		for (const res of [inHook, inRoute]) {
			expect(res.status).toBe(500);
			const body = (await res.json()) as ErrorAnswer;
			expect(body).toEqual({
				error: { code: 'internal', message: 'Internal error', errorId: expect.any(String) }
			});
			expect(body.error.errorId).toMatch(/^[0-9a-f-]{36}$/);
		}
		const page = await call('GET', '/participants', admin, undefined, {
			...options,
			headers: { accept: 'text/html' }
		});
		expect(page.status).toBe(500);
		expect(page.headers.get('content-type')).toMatch(/text\/html/);
		broken.child.kill('SIGKILL');
	}, 60_000);
});

describe('a request that needs Redis while Redis is away', () => {
	it('answers 503 "try again in a moment" at once, in the API shape on /api', async () => {
		// Nothing listens on the port: every Redis command fails, as during an outage.
		const closed = await freePort();
		const away = await startServer({
			LOG_LEVEL: 'fatal',
			REDIS_URL: `redis://127.0.0.1:${closed}`
		});
		const options = { base: away.base };
		const started = Date.now();
		// Sign-in counts its attempts in PostgreSQL: it keeps working without Redis.
		const signIn = await call(
			'POST',
			'/api/v1/auth/login',
			undefined,
			{ email: 'nobody@example.org', password: 'not-a-real-password' },
			options
		);
		expect(signIn.status).toBe(401);
		// The queue overview lives in Redis; the calendar feed counts requests there.
		const queues = await call('GET', '/api/v1/admin/queues', admin, undefined, options);
		expect(queues.status).toBe(503);
		expect(queues.headers.get('retry-after')).toBe('5');
		const body = (await queues.json()) as ErrorAnswer;
		expect(body.error.code).toBe('unavailable');
		expect(body.error.message).toMatch(/try again in a moment/);
		const feed = await call(
			'GET',
			`/calendar/feed/${'a'.repeat(43)}.ics`,
			undefined,
			undefined,
			options
		);
		expect(feed.status).toBe(503);
		// Fails fast: no request waits out reconnect attempts (a few seconds at most for both).
		expect(Date.now() - started).toBeLessThan(15_000);
		const page = await call('GET', '/admin/queues', admin, undefined, {
			...options,
			headers: { accept: 'text/html' }
		});
		expect(page.status).toBe(503);
		expect(await page.text()).toMatch(/try again in a moment/);
		away.child.kill('SIGKILL');
	}, 60_000);
});
