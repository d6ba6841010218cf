/**
 * Wall displays end to end against the production server: a super admin makes a named token; its
 * pages answer 200 with it and 401 without it, with a made-up one, or once it is revoked; its
 * socket gets the figures at once and aggregates only, never a participant's event; revoking it
 * drops the open socket and the screen cannot come back.
 */
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../../tests/jobs';
import { createParticipant, createUser } from '../../../../tests/fixtures';
import { ensureBuild, killAll, startServer, type Started } from '../../../../tests/server-process';
import { createSession, generateSessionToken } from '../auth/session';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM } from '../db/context';
import { ParticipantStaff, type User } from '../db/models';
import { audience, publish } from '../realtime/publish';
import { closeRedis } from '../redis';
import type { ServerToClientEvents } from '../../shared/realtime';

let server: Started;
let admin: User;
let coordinator: User;
const cookies = new Map<string, string>();
const sockets: Socket[] = [];

async function signIn(user: User) {
	const token = generateSessionToken();
	await createSession(token, user.id);
	cookies.set(user.id, `session=${token}`);
}

function call(method: string, path: string, user?: User, body?: unknown) {
	return fetch(`${server.base}${path}`, {
		method,
		headers: {
			...(user ? { cookie: cookies.get(user.id)! } : {}),
			...(body ? { 'content-type': 'application/json' } : {}),
			origin: server.base
		},
		body: body ? JSON.stringify(body) : undefined,
		redirect: 'manual'
	});
}

function wallSocket(displayToken: string) {
	const received: { event: string; payload: unknown }[] = [];
	const socket: Socket<ServerToClientEvents> = io(server.base, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: false,
		auth: { displayToken }
	});
	sockets.push(socket);
	socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
	const ready = new Promise<string>((resolve) => {
		socket.once('connect', () => resolve('connected'));
		socket.once('connect_error', (err) => resolve(err.message));
	});
	const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
	return { socket, received, ready, dropped };
}

beforeAll(async () => {
	ensureBuild();
	[admin, coordinator] = await runAs(SYSTEM, () =>
		tx(async () => [
			await createUser('super_admin', { name: 'Wall Admin' }),
			await createUser('support_coordinator', { name: 'Wall Coordinator' })
		])
	);
	for (const user of [admin, coordinator]) await signIn(user);
	server = await startServer({ LOG_LEVEL: 'warn' });
}, 90_000);

afterAll(async () => {
	for (const socket of sockets) socket.disconnect();
	killAll();
	await closeRedis();
	await closeDb();
});

describe('display tokens', () => {
	it('are made and revoked by super admins only', async () => {
		expect((await call('POST', '/api/v1/display-tokens', coordinator, { name: 'x' })).status).toBe(
			403
		);
		expect((await call('POST', '/api/v1/display-tokens', undefined, { name: 'x' })).status).toBe(
			401
		);
		const blank = await call('POST', '/api/v1/display-tokens', admin, { name: '  ' });
		expect(blank.status).toBe(400);
		expect(await blank.json()).toMatchObject({ error: { fields: { name: 'is required' } } });
		const made = await call('POST', '/api/v1/display-tokens', admin, { name: 'Office foyer' });
		expect(made.status).toBe(201);
		const { id, token } = (await made.json()) as { id: string; token: string };
		expect(token).toMatch(/^wd_[a-z2-7]{32}$/);
		const listed = (await (await call('GET', '/api/v1/display-tokens', admin)).json()) as {
			data: { id: string; name: string; revokedAt: string | null }[];
		};
		const row = listed.data.find((t) => t.id === id);
		expect(row).toMatchObject({ name: 'Office foyer', revokedAt: null });
		expect(JSON.stringify(listed)).not.toContain(token);
		expect((await call('DELETE', `/api/v1/display-tokens/${id}`, coordinator)).status).toBe(403);
		expect((await call('DELETE', `/api/v1/display-tokens/${id}`, admin)).status).toBe(204);
		expect(
			(await call('DELETE', '/api/v1/display-tokens/00000000-0000-4000-8000-000000000000', admin))
				.status
		).toBe(404);
	});
});

describe('a wall display', () => {
	it('opens with its token, gets aggregates only, and stops when the token is revoked', async () => {
		const made = await call('POST', '/api/v1/display-tokens', admin, { name: 'Finance wall' });
		const { id, token } = (await made.json()) as { id: string; token: string };

		for (const path of ['/wall/budget', '/wall/roster']) {
			const page = await call('GET', `${path}?token=${token}`);
			expect(page.status, path).toBe(200);
			expect(page.headers.get('cache-control')).toBe('no-store');
			expect(page.headers.get('referrer-policy')).toBe('no-referrer');
			expect(await page.text()).toContain('Finance wall');
			expect((await call('GET', path)).status, `${path} without a token`).toBe(401);
			expect((await call('GET', `${path}?token=wd_${'a'.repeat(32)}`)).status).toBe(401);
		}

		const wall = wallSocket(token);
		expect(await wall.ready).toBe('connected');
		await until('the figures', () => wall.received.length >= 2);
		expect(wall.received.map((r) => r.event).sort()).toEqual(['wall:budget', 'wall:roster']);
		const budget = wall.received.find((r) => r.event === 'wall:budget')?.payload as Record<
			string,
			unknown
		>;
		expect(Object.keys(budget).sort()).toEqual(
			[
				'activeParticipants',
				'approvedToday',
				'computedAt',
				'documents',
				'elapsedPercent',
				'overdueInvoices',
				'pendingApprovals',
				'risk',
				'spendThisMonth',
				'today',
				'totalBudget',
				'usedBudget',
				'usedPercent'
			].sort()
		);

		// A participant's event goes to the people who may read it, and never to a wall.
		const participant = await runAs(SYSTEM, () => tx(() => createParticipant(coordinator.id)));
		await runAs(SYSTEM, () =>
			tx(() =>
				ParticipantStaff.create({
					participantId: participant.id,
					userId: coordinator.id,
					assignedBy: null
				})
			)
		);
		const rooms = await audience('participants', { participantId: participant.id });
		publish(rooms, 'budget:changed', {
			participantId: participant.id,
			totalBudget: '1.00',
			usedBudget: '1.00',
			usedPercent: '100.00',
			planElapsedPercent: '1.00',
			burnRatePerDay: '1.00',
			projectedExhaustionDate: null,
			risk: 'exhausted'
		});
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(wall.received.map((r) => r.event).filter((e) => !e.startsWith('wall:'))).toEqual([]);

		expect((await call('DELETE', `/api/v1/display-tokens/${id}`, admin)).status).toBe(204);
		expect(await wall.dropped).toBe('io server disconnect');
		expect(await wallSocket(token).ready).toBe('unauthorized');
		expect((await call('GET', `/wall/budget?token=${token}`)).status).toBe(401);
	});

	it('is refused a socket without a token, as any stranger is', async () => {
		const socket = io(server.base, {
			path: '/socket.io',
			transports: ['websocket'],
			reconnection: false,
			auth: { displayToken: 12 }
		});
		sockets.push(socket);
		const answer = await new Promise<string>((resolve) => {
			socket.once('connect', () => resolve('connected'));
			socket.once('connect_error', (err) => resolve(err.message));
		});
		expect(answer).toBe('unauthorized');
	});
});
