/**
 * The browser's one Socket.IO connection, opened by the app layout and shared by every page.
 * Pages subscribe with `realtime.on(event, handler)` inside an $effect (it returns the
 * unsubscribe). After a reconnect the page's data is reloaded, so nothing sent while the
 * connection was down is missed; when the server refuses or drops the session, the layout says so.
 */
import { io, type Socket } from 'socket.io-client';
import { invalidateAll } from '$app/navigation';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/shared/realtime';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'signed-out';

type EventName = keyof ServerToClientEvents;

class Realtime {
	state = $state<ConnectionState>('connecting');
	/** When the last event arrived (wall displays and boards show "last updated"). */
	lastEventAt = $state<Date | null>(null);
	#socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
	#everConnected = false;

	connect(): void {
		if (this.#socket) return;
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
			path: '/socket.io',
			withCredentials: true
		});
		this.#socket = socket;
		socket.on('connect', () => {
			this.state = 'connected';
			// Catch up on whatever changed while the connection was down.
			if (this.#everConnected) void invalidateAll();
			this.#everConnected = true;
		});
		socket.on('connect_error', (err) => {
			// A refused handshake is not retried by the client: the session is gone.
			this.state = err.message === 'unauthorized' ? 'signed-out' : 'reconnecting';
		});
		socket.on('disconnect', (reason) => {
			// The server drops a socket when its session ends (sign-out elsewhere, expiry).
			this.state = reason === 'io server disconnect' ? 'signed-out' : 'reconnecting';
		});
		socket.onAny(() => (this.lastEventAt = new Date()));
	}

	disconnect(): void {
		this.#socket?.disconnect();
		this.#socket = null;
		this.#everConnected = false;
		this.state = 'connecting';
	}

	on<E extends EventName>(event: E, handler: ServerToClientEvents[E]): () => void {
		const socket = this.#socket;
		if (!socket) return () => {};
		// socket.io-client's typed `on` cannot follow a generic event name; E keeps callers typed.
		const untyped = socket as unknown as {
			on(e: string, h: (...args: unknown[]) => void): void;
			off(e: string, h: (...args: unknown[]) => void): void;
		};
		const listener = handler as (...args: unknown[]) => void;
		untyped.on(event, listener);
		return () => untyped.off(event, listener);
	}
}

export const realtime = new Realtime();
