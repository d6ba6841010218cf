/**
 * Socket.IO on an existing HTTP server (production: realtime/server.ts; dev: Vite's, through the
 * plugin). The Redis adapter relays broadcasts between processes, so several web processes act as
 * one. Relative imports: this runs under tsx as well as Vite.
 */
import type { Server as HttpServer } from 'node:http';
import type { Http2SecureServer } from 'node:http2';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server, type DefaultEventsMap, type Socket } from 'socket.io';
import { logger } from '../src/lib/server/logger';
import { closeConnection, createRedis } from '../src/lib/server/redis';

/** Who a socket belongs to; the authentication issue will grow this. */
export type RealtimeUser = { id: string };

export type SocketData = { user: RealtimeUser };

export type Authenticate = (
	handshake: Socket['handshake']
) => RealtimeUser | null | Promise<RealtimeUser | null>;

// Refuses everyone until session authentication is plugged in with setAuthenticate().
let authenticate: Authenticate = () => null;

export function setAuthenticate(fn: Authenticate): void {
	authenticate = fn;
}

export type Realtime = {
	// The typed event map replaces DefaultEventsMap when the events land.
	io: Server<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, SocketData>;
	/** Disconnects every socket, then closes the HTTP server it is attached to and Redis. */
	close(): Promise<void>;
};

export function attachRealtime(httpServer: HttpServer | Http2SecureServer): Realtime {
	// Pub/sub connections wait out a Redis outage instead of failing their subscriptions.
	const pub = createRedis('socket.io-pub', { maxRetriesPerRequest: null });
	const sub = createRedis('socket.io-sub', { maxRetriesPerRequest: null });
	const io: Realtime['io'] = new Server(httpServer, {
		path: '/socket.io',
		adapter: createAdapter(pub, sub)
	});

	io.use(async (socket, next) => {
		try {
			const user = await authenticate(socket.handshake);
			if (!user) return next(new Error('unauthorized'));
			socket.data.user = user;
			next();
		} catch (err) {
			logger.error({ err }, 'socket authentication failed');
			next(new Error('unauthorized'));
		}
	});

	io.on('connection', (socket) => {
		// One room per user, so an event for a user reaches all their tabs on every process.
		void socket.join(`user:${socket.data.user.id}`);
	});

	return {
		io,
		async close() {
			await io.close();
			await Promise.all([closeConnection(pub), closeConnection(sub)]);
		}
	};
}
