/**
 * A socket must never outlive the role it joined with: its role's room is joined once, at the
 * handshake. A coordinator demoted to support worker while their socket is open (on the other
 * web process from the one the change is made on) is dropped at once, their sessions end, and
 * the next organisation-wide event does not reach them; signing in again gives a worker's socket.
 * The sweep catches a role changed behind the app's back, and assignments, read per event, take
 * effect on the next event without touching sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItemCode, createParticipant, createUser } from '../tests/fixtures';
import { startLive } from '../tests/live';
import { ownerClient } from '../tests/pg';
import { ensureBuild, killAll, startServer, type Started } from '../tests/server-process';
import {
	closeSockets,
	connectSocket,
	pause,
	signIn,
	waitFor,
	within,
	type TestSocket
} from '../tests/sockets';
import { closeDb, tx } from '../src/lib/server/db';
import { runAs, SYSTEM } from '../src/lib/server/db/context';
import {
	ParticipantStaff,
	User,
	type NdisItemCode,
	type Participant
} from '../src/lib/server/db/models';
import { audience, userRoom } from '../src/lib/server/realtime/publish';
import { closeRedis } from '../src/lib/server/redis';
import * as participants from '../src/lib/server/services/participants';
import { addDays, localDate } from '../src/lib/server/time';
import { dropEndedSessions } from './attach';

let a: Started;
let b: Started;
let admin: User;
let coordinator: User;
let approver: User;
let worker: User;
let participant: Participant;
let item: NdisItemCode;
let day = -1;

function call(server: Started, method: string, path: string, cookie: string, body?: unknown) {
	return fetch(`${server.base}${path}`, {
		method,
		headers: { 'content-type': 'application/json', cookie },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
}

/** A session logged through the API by whoever the cookie belongs to; its id. */
async function logSession(server: Started, cookie: string): Promise<string> {
	day -= 1; // a day of its own, so no two sessions clash
	const res = await call(server, 'POST', '/api/v1/session-logs', cookie, {
		participantId: participant.id,
		ndisItemCodeId: item.id,
		serviceType: 'Community access',
		sessionDate: addDays(localDate(new Date()), day),
		startTime: '10:00',
		endTime: '11:00'
	});
	expect(res.status, await res.clone().text()).toBe(201);
	return ((await res.json()) as { id: string }).id;
}

const heardOf = (client: TestSocket, sessionId: string) =>
	client.received.filter((r) => r.event === 'session-log:changed' && r.payload.id === sessionId);

beforeAll(async () => {
	ensureBuild();
	await runAs(SYSTEM, () =>
		tx(async () => {
			admin = await createUser('super_admin', { name: 'Role Admin' });
			coordinator = await createUser('support_coordinator', { name: 'Soon Demoted' });
			approver = await createUser('support_coordinator', { name: 'Role Approver' });
			worker = await createUser('support_worker', { name: 'Role Worker' });
			participant = await createParticipant(admin.id);
			item = await createItemCode();
			for (const user of [worker, coordinator]) {
				await ParticipantStaff.create({
					participantId: participant.id,
					userId: user.id,
					assignedBy: admin.id
				});
			}
		})
	);
	[a, b] = await Promise.all([startServer(), startServer()]);
}, 90_000);

afterAll(async () => {
	closeSockets();
	killAll();
	await closeRedis();
	await closeDb();
});

describe('a coordinator demoted to support worker while their socket is open', () => {
	it('is dropped at once, hears no more organisation-wide events, and signs in again as a worker', async () => {
		const [adminCookie, approverCookie, workerCookie] = await Promise.all([
			signIn(admin.id),
			signIn(approver.id),
			signIn(worker.id)
		]);
		const oldCookie = await signIn(coordinator.id);
		const before = connectSocket(b.base, oldCookie);
		expect(await before.ready, b.output()).toBe('connected');

		// As a coordinator they hear of every worker's sessions.
		const first = await logSession(a, workerCookie);
		await waitFor('the coordinator to hear of a session', () => heardOf(before, first)[0]);

		// Demoted through process A; the socket is on B.
		const demoted = await call(a, 'PATCH', `/api/v1/users/${coordinator.id}`, adminCookie, {
			role: 'support_worker'
		});
		expect(demoted.status, await demoted.clone().text()).toBe(200);
		expect(await within('the socket being dropped', before.dropped, 3_000)).toBe(
			'io server disconnect'
		);

		// Their sign-in has ended: no API, no socket with the old cookie.
		expect((await call(a, 'GET', '/api/v1/session-logs', oldCookie)).status).toBe(401);
		expect(await connectSocket(a.base, oldCookie).ready).toBe('unauthorized');

		// Signed in again: a worker's socket, which hears of its own sessions only.
		const after = connectSocket(b.base, await signIn(coordinator.id));
		expect(await after.ready).toBe('connected');
		const others = await logSession(a, workerCookie);
		const own = await logSession(a, await signIn(coordinator.id));
		const approved = await call(a, 'POST', `/api/v1/session-logs/${own}/approve`, approverCookie);
		expect(approved.status).toBe(200);
		await waitFor('their own approval', () =>
			heardOf(after, own).find((r) => r.payload.status === 'approved')
		);
		const othersApproved = await call(
			a,
			'POST',
			`/api/v1/session-logs/${others}/approve`,
			approverCookie
		);
		expect(othersApproved.status).toBe(200);
		await pause(500);
		expect(heardOf(after, others)).toEqual([]);
		// The dropped socket heard nothing after the demotion, neither the new sessions nor approvals.
		expect(heardOf(before, others)).toEqual([]);
		expect(heardOf(before, own)).toEqual([]);
	});
});

describe('the sweep', () => {
	it("drops a socket whose user's role changed behind the app's back, and keeps the others", async () => {
		const live = await startLive();
		try {
			const changed = await runAs(SYSTEM, () => tx(() => createUser('support_coordinator')));
			const unchanged = await runAs(SYSTEM, () => tx(() => createUser('support_coordinator')));
			const changing = await live.connect({ userId: changed.id });
			const staying = await live.connect({ userId: unchanged.id });
			expect(await changing.ready).toBe('connected');
			expect(await staying.ready).toBe('connected');
			const dropped = new Promise<string>((resolve) => changing.socket.once('disconnect', resolve));
			// Straight in the database (as its owner: the app role cannot change a role itself,
			// migrations/0013): no service, so nothing dropped the socket.
			const owner = await ownerClient();
			try {
				await owner.query(`UPDATE users SET role = 'support_worker' WHERE id = $1`, [changed.id]);
			} finally {
				await owner.end();
			}
			expect(await dropEndedSessions(live.realtime.io)).toBe(1);
			expect(await within('the sweep dropping the socket', dropped, 3_000)).toBe(
				'io server disconnect'
			);
			expect(staying.socket.connected).toBe(true);
		} finally {
			await live.close();
		}
	});
});

describe('assignments', () => {
	it('decide who hears of a participant on the next event: nothing is kept in the socket', async () => {
		const helper = await runAs(SYSTEM, () => tx(() => createUser('support_worker')));
		const rooms = () => audience('documents', { participantId: participant.id });
		expect(await rooms()).not.toContain(userRoom(helper.id));
		await runAs(SYSTEM, () => participants.assign(participant.id, helper.id, admin.id));
		expect(await rooms()).toContain(userRoom(helper.id));
		await runAs(SYSTEM, () => participants.unassign(participant.id, helper.id));
		expect(await rooms()).not.toContain(userRoom(helper.id));
	});
});
