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
	// Pages subscribe before the layout connects (child effects run first), so listeners live
	// here and one dispatcher hands every event to them, whenever the socket comes.
	#listeners = new Map<string, Set<(payload: unknown) => void>>();

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
		socket.onAny((event: string, payload: unknown) => {
			this.lastEventAt = new Date();
			for (const listener of this.#listeners.get(event) ?? []) listener(payload);
		});
	}

	disconnect(): void {
		this.#socket?.disconnect();
		this.#socket = null;
		this.#everConnected = false;
		this.state = 'connecting';
	}

	/** Sends to the server; while the connection is down, socket.io sends it on reconnecting. */
	emit<E extends keyof ClientToServerEvents>(
		event: E,
		...args: Parameters<ClientToServerEvents[E]>
	): void {
		this.#socket?.emit(event, ...args);
	}

	on<E extends EventName>(event: E, handler: ServerToClientEvents[E]): () => void {
		const listener = handler as (payload: unknown) => void;
		let set = this.#listeners.get(event);
		// Plain Set on purpose: listeners are bookkeeping, not state anything renders.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		if (!set) this.#listeners.set(event, (set = new Set()));
		set.add(listener);
		return () => set.delete(listener);
	}
}

export const realtime = new Realtime();
