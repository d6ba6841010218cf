/**
 * What the production server hands a stranger who has no account: wall display links cannot be
 * guessed (wrong tokens are counted per client address, on the pages and on the socket alike, and
 * an address that used up its allowance is refused even a right token until the window ends), and
 * /metrics answers only METRICS_TOKEN's bearer or, without one, this machine. Behind a proxy the
 * address is the one ADDRESS_HEADER names, as for sign-in limits.
 */
import { randomInt } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild, killAll, startServer, type Started } from '../tests/server-process';
import { resetLimit } from '../src/lib/server/auth/rate-limit';
import { closeDb } from '../src/lib/server/db';
import { runAs, SYSTEM } from '../src/lib/server/db/context';
import { closeRedis } from '../src/lib/server/redis';
import * as displayTokens from '../src/lib/server/wall/tokens';

const METRICS_TOKEN = `metrics-${randomInt(1e9)}-abcdefghijklmnopqrstuvwxyz`;
// Documentation ranges, fresh per run, so no earlier run's count is in the way.
const testNet = () => `198.51.100.${randomInt(1, 255)}`;
const guesser = `203.0.113.${randomInt(1, 255)}`;

let display: { id: string; token: string };

beforeAll(async () => {
	ensureBuild();
	const made = await runAs(SYSTEM, () => displayTokens.create('Exposure test wall'));
	display = { id: made.id, token: made.token };
}, 300_000);

afterAll(async () => {
	killAll();
	await resetLimit(`display-token:${guesser}`);
	if (display) await runAs(SYSTEM, () => displayTokens.revoke(display.id));
	await closeRedis();
	await closeDb();
});

const wrongToken = () => `wd_${'a'.repeat(31)}${'bcdefg'[randomInt(6)]}`;

/** A wall socket's first answer ('connected' or the refusal), from the address a proxy names. */
function wallSocket(server: Started, token: string, from: string): Promise<string> {
	const socket = io(server.base, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { 'x-forwarded-for': from },
		auth: { displayToken: token }
	});
	return new Promise<string>((resolve) => {
		socket.once('connect', () => resolve('connected'));
		socket.once('connect_error', (err) => resolve(err.message));
	}).finally(() => socket.disconnect());
}

describe('behind a proxy (ADDRESS_HEADER=x-forwarded-for), without METRICS_TOKEN', () => {
	let server: Started;
	beforeAll(async () => {
		server = await startServer({ ADDRESS_HEADER: 'x-forwarded-for' });
	}, 60_000);

	const wallPage = (token: string, from: string) =>
		fetch(`${server.base}/wall/budget?token=${token}`, { headers: { 'x-forwarded-for': from } });

	it('refuses an address after 20 wrong display links, even the right one, on pages and sockets', async () => {
		expect((await wallPage(display.token, guesser)).status).toBe(200);
		for (let i = 0; i < displayTokens.DISPLAY_TOKEN_LIMIT.max - 1; i++) {
			expect((await wallPage(wrongToken(), guesser)).status).toBe(401);
		}
		// The socket counts against the same allowance: its wrong token is the 20th.
		expect(await wallSocket(server, wrongToken(), guesser)).toBe('unauthorized');

		const refused = await wallPage(wrongToken(), guesser);
		expect(refused.status).toBe(429);
		expect(await refused.text()).toContain('Too many wrong display links from this network');
		// Now even the right token: guessing has stopped, not merely gone unrewarded.
		expect((await wallPage(display.token, guesser)).status).toBe(429);
		expect(await wallSocket(server, display.token, guesser)).toBe('rate_limited');

		// Every other address, and every working screen, is unaffected.
		const elsewhere = testNet();
		expect((await wallPage(display.token, elsewhere)).status).toBe(200);
		expect(await wallSocket(server, display.token, elsewhere)).toBe('connected');
		expect(await wallSocket(server, wrongToken(), elsewhere)).toBe('unauthorized');
	});

	it('serves /metrics only to this machine', async () => {
		const metrics = (from?: string) =>
			fetch(`${server.base}/metrics`, { headers: from ? { 'x-forwarded-for': from } : {} });
		const local = await metrics('127.0.0.1');
		expect(local.status).toBe(200);
		expect(await local.text()).toContain('http_request_duration_seconds');
		expect((await metrics('::1')).status).toBe(200);

		const outside = await metrics(testNet());
		expect(outside.status).toBe(403);
		expect(await outside.text()).toContain('only to this machine unless METRICS_TOKEN is set');
		// A bearer token means nothing when none is configured.
		const withToken = await fetch(`${server.base}/metrics`, {
			headers: { 'x-forwarded-for': testNet(), authorization: `Bearer ${METRICS_TOKEN}` }
		});
		expect(withToken.status).toBe(403);
		// The proxy's own header missing: the address is unknown, so not this machine.
		expect((await metrics()).status).toBe(403);
	});
});

describe('with METRICS_TOKEN', () => {
	let server: Started;
	beforeAll(async () => {
		server = await startServer({ METRICS_TOKEN });
	}, 60_000);

	it('wants the bearer token, even from this machine', async () => {
		const metrics = (authorization?: string) =>
			fetch(`${server.base}/metrics`, { headers: authorization ? { authorization } : {} });
		const bare = await metrics();
		expect(bare.status).toBe(401);
		expect(bare.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
		expect((await metrics(`Bearer ${METRICS_TOKEN.slice(0, -1)}`)).status).toBe(401);
		expect((await metrics(`Basic ${METRICS_TOKEN}`)).status).toBe(401);
		const allowed = await metrics(`Bearer ${METRICS_TOKEN}`);
		expect(allowed.status).toBe(200);
		expect(await allowed.text()).toContain('http_request_duration_seconds');
	});

	it('refuses to start with a token too short to be secret', async () => {
		await expect(startServer({ METRICS_TOKEN: 'short' })).rejects.toThrow(
			/METRICS_TOKEN: must be 24 to 512 printable characters/
		);
	});
});
