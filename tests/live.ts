/**
 * The live layer in-process, for tests of what jobs push: Socket.IO attached to a bare HTTP server
 * on a free port (the same attachRealtime production uses), and clients that record every event.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { attachRealtime, type Realtime } from '../realtime/attach';
import { createSession, generateSessionToken } from '../src/lib/server/auth/session';
import type { ServerToClientEvents } from '../src/lib/shared/realtime';

export type Received = { event: string; payload: Record<string, unknown> };
export type Listener = {
	socket: Socket<ServerToClientEvents>;
	received: Received[];
	/** 'connected', or the connection error's message. */
	ready: Promise<string>;
	of(event: string): Record<string, unknown>[];
};

export type Live = {
	base: string;
	realtime: Realtime;
	connect(auth: { userId?: string; displayToken?: string }): Promise<Listener>;
	close(): Promise<void>;
};

export async function startLive(): Promise<Live> {
	const server = createServer((_req, res) => res.writeHead(404).end());
	const realtime = attachRealtime(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const sockets: Socket[] = [];
	return {
		base,
		realtime,
		async connect({ userId, displayToken }) {
			let cookie: string | undefined;
			if (userId) {
				const token = generateSessionToken();
				await createSession(token, userId);
				cookie = `session=${token}`;
			}
			const received: Received[] = [];
			const socket: Socket<ServerToClientEvents> = io(base, {
				path: '/socket.io',
				transports: ['websocket'],
				reconnection: false,
				extraHeaders: cookie ? { cookie } : {},
				auth: displayToken ? { displayToken } : {}
			});
			sockets.push(socket);
			socket.onAny((event: string, payload: Record<string, unknown>) =>
				received.push({ event, payload })
			);
			const ready = new Promise<string>((resolve) => {
				socket.once('connect', () => resolve('connected'));
				socket.once('connect_error', (err) => resolve(err.message));
			});
			return {
				socket,
				received,
				ready,
				of: (event) => received.filter((r) => r.event === event).map((r) => r.payload)
			};
		},
		async close() {
			for (const socket of sockets) socket.disconnect();
			await realtime.close();
		}
	};
}
