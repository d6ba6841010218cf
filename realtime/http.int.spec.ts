/**
 * The production server as people reach it: `npm start` with no ORIGIN (the demo) at whatever
 * address the browser used, and behind a proxy configured as adapter-node documents. Sign-in
 * through the form works over plain http with no HSTS and no Secure cookie; pages and JSON are
 * compressed; nothing personal may be cached; only super admins open the kept mail.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, unique } from '../tests/fixtures';
import { ensureBuild, killAll, startServer, type Started } from '../tests/server-process';
import { hashPassword } from '../src/lib/server/auth/password';
import { sessionIdFromToken } from '../src/lib/server/auth/session';
import { closeDb, tx } from '../src/lib/server/db';
import { runAs, SYSTEM } from '../src/lib/server/db/context';
import { AuthSession } from '../src/lib/server/db/models';
import { sendMail } from '../src/lib/server/mail';
import { closeRedis } from '../src/lib/server/redis';

const PASSWORD = 'http conventions password 2026';
let admin: { email: string };
let worker: { email: string };

type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/** node:http, not fetch: a browser's Host and Origin must be sent exactly as given. */
function send(
	server: Started,
	path: string,
	options: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(
			{
				host: '127.0.0.1',
				port: server.port,
				path,
				method: options.method ?? 'GET',
				headers: options.headers
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks)
					})
				);
			}
		);
		req.on('error', reject);
		req.end(options.body);
	});
}

/** Posts the sign-in form as a browser at `origin` does (its Host and Origin headers). */
function signInForm(
	server: Started,
	email: string,
	origin: string,
	headers: Record<string, string> = {}
) {
	return send(server, '/login', {
		method: 'POST',
		headers: {
			host: new URL(origin).host,
			origin,
			// A browser's plain form post (without it SvelteKit answers as to use:enhance, in JSON).
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			...headers
		},
		body: new URLSearchParams({ email, password: PASSWORD }).toString()
	});
}

function sessionCookie(answer: Answer): string {
	const cookie = (answer.headers['set-cookie'] ?? []).find((c) => c.startsWith('session='));
	if (!cookie) throw new Error(`no session cookie (status ${answer.status})`);
	return cookie;
}

const cookieHeader = (setCookie: string) => setCookie.split(';')[0] ?? '';

function decoded(answer: Answer): string {
	const encoding = answer.headers['content-encoding'];
	if (encoding === 'br') return brotliDecompressSync(answer.body).toString('utf8');
	if (encoding === 'gzip') return gunzipSync(answer.body).toString('utf8');
	return answer.body.toString('utf8');
}

beforeAll(async () => {
	ensureBuild();
	const passwordHash = await hashPassword(PASSWORD);
	[admin, worker] = await runAs(SYSTEM, () =>
		tx(() =>
			Promise.all([
				createUser('super_admin', { email: `${unique('http-admin')}@test.example`, passwordHash }),
				createUser('support_worker', {
					email: `${unique('http-worker')}@test.example`,
					passwordHash
				})
			])
		)
	);
}, 300_000);

afterAll(async () => {
	killAll();
	await closeRedis();
	await closeDb();
});

describe('without ORIGIN, as `npm run demo` starts it', () => {
	let server: Started;
	beforeAll(async () => {
		server = await startServer();
	});

	it('signs in through the form at localhost, 127.0.0.1 and a LAN name, over plain http', async () => {
		for (const host of ['localhost', '127.0.0.1', 'office-pc.lan']) {
			const answer = await signInForm(server, worker.email, `http://${host}:${server.port}`);
			expect(answer.status, `${host}: ${answer.body.toString()}`).toBe(303);
			const cookie = sessionCookie(answer);
			expect(cookie).toMatch(/HttpOnly/i);
			expect(cookie).not.toMatch(/;\s*Secure/i);
			expect(answer.headers['strict-transport-security']).toBeUndefined();
		}
	});

	it('refuses a form posted from another site, as before', async () => {
		const answer = await signInForm(server, worker.email, 'http://evil.example', {
			host: `127.0.0.1:${server.port}`
		});
		expect(answer.status).toBe(403);
	});

	it('does not believe a client that claims https through headers nobody configured', async () => {
		const origin = `https://127.0.0.1:${server.port}`;
		const claims = { 'x-forwarded-proto': 'https', 'x-ndis-socket-protocol': 'https' };
		const refused = await signInForm(server, worker.email, origin, claims);
		expect(refused.status).toBe(403);
		const plain = await signInForm(server, worker.email, `http://127.0.0.1:${server.port}`, claims);
		expect(plain.status).toBe(303);
		expect(sessionCookie(plain)).not.toMatch(/;\s*Secure/i);
		expect(plain.headers['strict-transport-security']).toBeUndefined();
	});

	it('compresses pages and JSON, and lets no signed-in answer be cached', async () => {
		const signedIn = await signInForm(server, worker.email, `http://127.0.0.1:${server.port}`);
		const cookie = cookieHeader(sessionCookie(signedIn));

		const me = await send(server, '/api/v1/me', { headers: { cookie, 'accept-encoding': 'br' } });
		expect(me.status).toBe(200);
		expect(me.headers['cache-control']).toBe('private, no-store');
		expect(JSON.parse(decoded(me))).toMatchObject({ user: { email: worker.email } });

		// Large enough to be worth compressing (under 1 kB, like /me above, is sent as it is).
		const api = await send(server, '/api/v1/openapi.json', {
			headers: { cookie, 'accept-encoding': 'br, gzip' }
		});
		expect(api.status).toBe(200);
		expect(api.headers['content-encoding']).toBe('br');
		expect(api.headers['cache-control']).toBe('private, no-store');
		expect(JSON.parse(decoded(api))).toHaveProperty('openapi');

		const page = await send(server, '/', { headers: { cookie, 'accept-encoding': 'gzip' } });
		expect(page.status).toBe(200);
		expect(page.headers['content-type']).toMatch(/^text\/html/);
		expect(page.headers['content-encoding']).toBe('gzip');
		expect(page.headers['cache-control']).toBe('private, no-store');
		expect(decoded(page)).toContain('</html>');

		// Even a refusal: an API answer is for one caller.
		const anonymous = await send(server, '/api/v1/me', { headers: { 'accept-encoding': 'br' } });
		expect(anonymous.status).toBe(401);
		expect(anonymous.headers['cache-control']).toBe('private, no-store');
	});

	it('keeps the public sign-in page and built assets cacheable as before', async () => {
		const login = await send(server, '/login', { headers: { 'accept-encoding': 'br, gzip' } });
		expect(login.status).toBe(200);
		expect(login.headers['content-encoding']).toBe('br');
		expect(login.headers['cache-control']).toBeUndefined();
		const asset = decoded(login).match(/\/_app\/immutable\/[\w./-]+\.js/)?.[0];
		expect(asset).toBeDefined();
		const script = await send(server, asset!, { headers: { 'accept-encoding': 'br, gzip' } });
		expect(script.status).toBe(200);
		expect(script.headers['cache-control']).toContain('immutable');
		expect(script.headers['content-encoding']).toBe('br');
	});

	it('shows the kept mail to super admins only', async () => {
		const subject = `Kept for the mail page ${unique('mail')}`;
		await sendMail({ to: worker.email, subject, text: 'Body of the kept message' });
		const origin = `http://127.0.0.1:${server.port}`;

		const anonymous = await send(server, '/admin/mail');
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.location).toMatch(/^\/login/);

		const workerCookie = cookieHeader(
			sessionCookie(await signInForm(server, worker.email, origin))
		);
		const refused = await send(server, '/admin/mail', { headers: { cookie: workerCookie } });
		expect(refused.status).toBe(403);
		expect(refused.body.toString()).not.toContain(subject);

		const adminCookie = cookieHeader(sessionCookie(await signInForm(server, admin.email, origin)));
		const page = await send(server, '/admin/mail', { headers: { cookie: adminCookie } });
		expect(page.status).toBe(200);
		const html = page.body.toString();
		expect(html).toContain(subject);
		expect(html).toContain('Body of the kept message');
		expect(html).toContain(worker.email);
	});
});

describe('behind a proxy that sets X-Forwarded-* (PROTOCOL_HEADER, HOST_HEADER, ADDRESS_HEADER)', () => {
	let server: Started;
	beforeAll(async () => {
		server = await startServer({
			PROTOCOL_HEADER: 'x-forwarded-proto',
			HOST_HEADER: 'x-forwarded-host',
			ADDRESS_HEADER: 'x-forwarded-for'
		});
	});

	it('takes the scheme, host and client address the proxy forwards: Secure cookie and HSTS', async () => {
		const answer = await signInForm(server, worker.email, 'https://care.example.org', {
			host: `127.0.0.1:${server.port}`,
			'x-forwarded-proto': 'https',
			'x-forwarded-host': 'care.example.org',
			'x-forwarded-for': '203.0.113.9'
		});
		expect(answer.status, answer.body.toString()).toBe(303);
		const cookie = sessionCookie(answer);
		expect(cookie).toMatch(/;\s*Secure/i);
		expect(answer.headers['strict-transport-security']).toMatch(/max-age=\d+/);
		// Sign-in limits and the session record count the person's address, not the proxy's.
		const token = cookieHeader(cookie).slice('session='.length);
		const session = await runAs(SYSTEM, () =>
			tx(() => AuthSession.findByPk(sessionIdFromToken(token)))
		);
		expect(session?.ipAddress).toBe('203.0.113.9');
	});
});

describe('with ORIGIN', () => {
	let server: Started;
	beforeAll(async () => {
		server = await startServer({ ORIGIN: 'https://care.example.org' });
	});

	it('is that origin whatever address reached the server', async () => {
		const answer = await signInForm(server, worker.email, 'https://care.example.org', {
			host: `127.0.0.1:${server.port}`
		});
		expect(answer.status).toBe(303);
		expect(sessionCookie(answer)).toMatch(/;\s*Secure/i);
		const local = await signInForm(server, worker.email, `http://127.0.0.1:${server.port}`);
		expect(local.status).toBe(403);
	});
});
