/**
 * Socket.IO on an existing HTTP server (production: realtime/server.ts; dev: Vite's, through the
 * plugin). The Redis adapter relays broadcasts between processes, so several web processes act as
 * one; events are published with the Redis emitter (src/lib/server/realtime/publish.ts) from web
 * routes and worker jobs alike. Relative imports: this runs under tsx as well as Vite.
 *
 * The handshake is authenticated by the session cookie, the same one the pages use; a socket joins
 * its user's, role's and session's rooms, and is dropped when that session ends (sign-out,
 * password change, deactivation: at once; idle or absolute expiry: within a sweep interval).
 */
import type { Server as HttpServer } from 'node:http';
import type { Http2SecureServer } from 'node:http2';
import { createAdapter } from '@socket.io/redis-adapter';
import { parse as parseCookie } from 'cookie';
import { Server, type Socket } from 'socket.io';
import { config } from '../src/lib/server/config';
import { closeDb, db } from '../src/lib/server/db';
import { logger } from '../src/lib/server/logger';
import { closeConnection, createRedis } from '../src/lib/server/redis';
import {
	liveSessionIds,
	SESSION_COOKIE,
	validateSessionToken,
	type SessionUser
} from '../src/lib/server/auth/session';
import { roleRoom, sessionRoom, userRoom } from '../src/lib/server/realtime/publish';
import { socketConnections } from '../src/lib/server/metrics';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/lib/shared/realtime';
import { handleBoard } from './board';

export type SocketData = { user: SessionUser; sessionId: string; editing?: string | null };

type Io = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type Handshake = Socket['handshake'];

export type Realtime = {
	io: Io;
	/** Disconnects every socket, then closes the HTTP server it is attached to and Redis. */
	close(): Promise<void>;
};

/** How often each process re-checks the sessions behind its sockets (idle and absolute expiry). */
const SWEEP_MS = 60_000;

/** A page on another site must not open a socket with our user's cookie. */
function sameOrigin(handshake: Handshake): boolean {
	const origin = handshake.headers.origin;
	if (!origin) return true; // not a browser (tests, server-side clients): the cookie decides
	if (config.origin) return origin === config.origin;
	return new URL(origin).host === handshake.headers.host;
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
		adapter: createAdapter(pub, sub),
		// Clients send nothing large; a small cap keeps a hostile client from costing memory.
		maxHttpBufferSize: 64 * 1024
	});

	io.use(async (socket, next) => {
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
		const { user, sessionId } = socket.data;
		void socket.join([userRoom(user.id), roleRoom(user.role), sessionRoom(sessionId)]);
		socketConnections.inc();
		socket.on('disconnect', () => socketConnections.dec());
		handleBoard(io, socket);
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

/** Disconnects this process's sockets whose session has expired or gone idle since they joined. */
export async function dropEndedSessions(io: Io): Promise<number> {
	try {
		const sockets = await io.local.fetchSockets();
		const ids = [...new Set(sockets.map((s) => s.data.sessionId))];
		const live = await liveSessionIds(ids);
		let dropped = 0;
		for (const socket of sockets) {
			if (live.has(socket.data.sessionId)) continue;
			socket.disconnect(true);
			dropped += 1;
		}
		return dropped;
	} catch (err) {
		logger.warn({ err }, 'checking socket sessions failed; will try again');
		return 0;
	}
}
