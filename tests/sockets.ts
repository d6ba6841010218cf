/**
 * Socket.IO clients for tests against real web processes (tests/server-process.ts): a signed-in
 * cookie, a socket that records everything it hears, and a wait for what it should hear.
 */
import { io, type Socket } from 'socket.io-client';
import { createSession, generateSessionToken } from '../src/lib/server/auth/session';
import type { ServerToClientEvents } from '../src/lib/shared/realtime';

export type Received = { event: string; payload: Record<string, unknown> };
export type TestSocket = {
	socket: Socket<ServerToClientEvents>;
	received: Received[];
	/** 'connected', or the connection error's message ('unauthorized'). */
	ready: Promise<string>;
	/** The reason the server gave when it dropped the socket. */
	dropped: Promise<string>;
};

const opened: Socket[] = [];

/** A new sign-in session for the user, as its cookie header. */
export async function signIn(userId: string): Promise<string> {
	const token = generateSessionToken();
	await createSession(token, userId);
	return `session=${token}`;
}

export function connectSocket(base: string, cookie?: string): TestSocket {
	const received: Received[] = [];
	const socket: Socket<ServerToClientEvents> = io(base, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: cookie ? { cookie } : {}
	});
	opened.push(socket);
	socket.onAny((event: string, payload: Record<string, unknown>) =>
		received.push({ event, payload })
	);
	const ready = new Promise<string>((resolve) => {
		socket.once('connect', () => resolve('connected'));
		socket.once('connect_error', (err) => resolve(err.message));
	});
	const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
	return { socket, received, ready, dropped };
}

export function closeSockets(): void {
	for (const socket of opened.splice(0)) socket.disconnect();
}

export async function waitFor<T>(what: string, find: () => T | undefined, ms = 5_000): Promise<T> {
	for (const deadline = Date.now() + ms; Date.now() < deadline;) {
		const found = find();
		if (found !== undefined) return found;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	throw new Error(`timed out waiting for ${what}`);
}

/** Resolves with the value, or rejects after `ms` naming what did not happen. */
export function within<T>(what: string, promise: Promise<T>, ms: number): Promise<T> {
	return Promise.race([
		promise,
		new Promise<never>((_, reject) =>
			setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms)
		)
	]);
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
