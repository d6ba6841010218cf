/**
 * Socket.IO on an existing HTTP server (production: realtime/server.ts; dev: Vite's, through the
 * plugin). The Redis adapter relays broadcasts between processes, so several web processes act as
 * one; events are published with the Redis emitter (src/lib/server/realtime/publish.ts) from web
 * routes and worker jobs alike. Relative imports: this runs under tsx as well as Vite.
 *
 * The handshake is authenticated by the session cookie, the same one the pages use; a socket joins
 * its user's, role's and session's rooms, and is dropped when that session ends (sign-out,
 * password change, deactivation, a new role: at once; idle or absolute expiry: within a sweep
 * interval). The role's room is joined once, so a socket must never outlive its role: the sweep
 * also drops a socket whose user's role is no longer the one it joined with.
 * A wall display authenticates with `auth: {displayToken}` instead and joins only the display
 * room, which receives aggregates and nothing else; revoking its token drops it.
 */
import type { Server as HttpServer } from 'node:http';
import type { Http2SecureServer } from 'node:http2';
import { createAdapter } from '@socket.io/redis-adapter';
import { parse as parseCookie } from 'cookie';
import { Server, type Socket } from 'socket.io';
import { config } from '../src/lib/server/config';
import { closeDb, db } from '../src/lib/server/db';
import { requestOrigin } from '../src/lib/server/http/origin';
import { logger } from '../src/lib/server/logger';
import { closeConnection, createRedis } from '../src/lib/server/redis';
import {
	liveSessionRoles,
	SESSION_COOKIE,
	validateSessionToken,
	type SessionUser
} from '../src/lib/server/auth/session';
import {
	DISPLAY_ROOM,
	displayTokenRoom,
	REALTIME_CHANNEL_KEY,
	roleRoom,
	sessionRoom,
	userRoom
} from '../src/lib/server/realtime/publish';
import { socketConnections } from '../src/lib/server/metrics';
import { wallFigures } from '../src/lib/server/wall/figures';
import {
	check as checkDisplayToken,
	liveTokenIds,
	type DisplayIdentity
} from '../src/lib/server/wall/tokens';
import { clientAddress } from '../src/lib/server/http/client-address';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/lib/shared/realtime';
import { handleBoard } from './board';

/** A person's socket (session cookie), or a wall display's (`auth: {displayToken}`). */
export type SocketData =
	| { user: SessionUser; sessionId: string; editing?: string | null; display?: undefined }
	| { display: DisplayIdentity; user?: undefined; sessionId?: undefined; editing?: undefined };

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type Handshake = Socket['handshake'];

export type Realtime = {
	io: Io;
	/** Disconnects every socket, then closes the HTTP server it is attached to and Redis. */
	close(): Promise<void>;
};

/**
 * How often each process re-checks the sessions behind its sockets: idle and absolute expiry, and
 * a role changed or an account deactivated whose own drop (publish.ts disconnectUser) was missed.
 */
const SWEEP_MS = 60_000;

/**
 * A page on another site must not open a socket with our user's cookie. The handshake never reaches
 * SvelteKit, so it is held to the same origin rule as pages (src/lib/server/http/origin.ts).
 */
function sameOrigin(handshake: Handshake): boolean {
	const origin = handshake.headers.origin;
	if (!origin) return true; // not a browser (tests, server-side clients): the cookie decides
	const settings = { origin: config.origin, ...config.proxy };
	return origin === requestOrigin(settings, handshake.headers, handshake.secure);
}

export async function authenticateHandshake(handshake: Handshake): Promise<SocketData | null> {
	if (!sameOrigin(handshake)) return null;
	const header = handshake.headers.cookie;
	const token = header ? parseCookie(header)[SESSION_COOKIE] : undefined;
	if (!token || token.length > 200) return null;
	const result = await validateSessionToken(token);
	return result ? { user: result.user, sessionId: result.session.id } : null;
}

export function attachRealtime(httpServer: HttpServer | Http2SecureServer): Realtime {
	// In production this module graph is tsx's, not the SvelteKit bundle's: it has its own models,
	// bound here before the first handshake needs them.
	db();
	// Pub/sub connections wait out a Redis outage instead of failing their subscriptions.
	const pub = createRedis('socket.io-pub', { maxRetriesPerRequest: null });
	const sub = createRedis('socket.io-sub', { maxRetriesPerRequest: null });
	const io: Io = new Server(httpServer, {
		path: '/socket.io',
		// The install's channels (config REDIS_PREFIX), the same the emitter publishes on.
		adapter: createAdapter(pub, sub, { key: REALTIME_CHANNEL_KEY }),
		// Clients send nothing large; a small cap keeps a hostile client from costing memory.
		maxHttpBufferSize: 64 * 1024
	});

	io.use(async (socket, next) => {
		// Wall displays are nobody: their token joins them to the aggregates-only room, nothing else.
		const displayToken: unknown = socket.handshake.auth?.displayToken;
		if (displayToken !== undefined) {
			if (typeof displayToken !== 'string' || !sameOrigin(socket.handshake)) {
				return next(new Error('unauthorized'));
			}
			try {
				// Wrong tokens count against the client's address, as on the wall pages.
				const address = clientAddress(socket.handshake.headers, socket.conn.remoteAddress);
				const checked = await checkDisplayToken(displayToken, address);
				if (!checked.ok) {
					return next(
						new Error(checked.reason === 'rate_limited' ? 'rate_limited' : 'unauthorized')
					);
				}
				socket.data = { display: checked.display };
				return next();
			} catch (err) {
				// Not "unauthorized": the screen should keep trying, not give up on its token.
				logger.error({ err }, 'display token check failed');
				return next(new Error('unavailable'));
			}
		}
		try {
			const data = await authenticateHandshake(socket.handshake);
			if (!data) return next(new Error('unauthorized'));
			socket.data = data;
			next();
		} catch (err) {
			logger.error({ err }, 'socket authentication failed');
			next(new Error('unauthorized'));
		}
	});

	io.on('connection', (socket) => {
		socketConnections.inc();
		socket.on('disconnect', () => socketConnections.dec());
		const data = socket.data;
		if (data.display) {
			void socket.join([DISPLAY_ROOM, displayTokenRoom(data.display.id)]);
			// The current figures at once, on first connect and after every reconnect.
			wallFigures().then(
				({ budget, roster }) => {
					socket.emit('wall:budget', budget);
					socket.emit('wall:roster', roster);
				},
				(err: unknown) => logger.error({ err }, 'wall display figures failed')
			);
			return;
		}
		void socket.join([
			userRoom(data.user.id),
			roleRoom(data.user.role),
			sessionRoom(data.sessionId)
		]);
		// The roster board's presence: people only (the board module reads socket.data.user).
		handleBoard(
			io as unknown as Parameters<typeof handleBoard>[0],
			socket as unknown as Parameters<typeof handleBoard>[1]
		);
	});

	const sweep = setInterval(() => void dropEndedSessions(io), SWEEP_MS);
	sweep.unref();

	return {
		io,
		async close() {
			clearInterval(sweep);
			await io.close();
			await Promise.all([closeConnection(pub), closeConnection(sub), closeDb()]);
		}
	};
}

/**
 * Disconnects this process's sockets whose session has expired or gone idle since they joined,
 * whose user was deactivated or given another role (its rooms are the old role's), and wall
 * displays whose token was revoked (in case the revocation's or role change's own drop was missed).
 */
export async function dropEndedSessions(io: Io): Promise<number> {
	try {
		const sockets = await io.local.fetchSockets();
		const sessionIds = new Set<string>();
		const tokenIds = new Set<string>();
		for (const { data } of sockets) {
			if (data.display) tokenIds.add(data.display.id);
			else sessionIds.add(data.sessionId);
		}
		const live = await liveSessionRoles([...sessionIds]);
		const liveTokens = await liveTokenIds([...tokenIds]);
		let dropped = 0;
		for (const socket of sockets) {
			const { data } = socket;
			const current = data.display
				? liveTokens.has(data.display.id)
				: live.get(data.sessionId) === data.user.role;
			if (current) continue;
			socket.disconnect(true);
			dropped += 1;
		}
		return dropped;
	} catch (err) {
		logger.warn({ err }, 'checking socket sessions failed; will try again');
		return 0;
	}
}
