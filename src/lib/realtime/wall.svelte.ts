/**
 * A wall display's connection: one socket, authenticated by the display token, that nobody will
 * ever click to fix. It keeps itself connected through network drops and server restarts
 * (reconnecting with backoff, and again after the server closes it), stops for good only when the
 * token is refused, and holds nothing that grows: each update replaces the last.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/shared/realtime';
import type { BudgetWall, RosterWall } from '$lib/shared/wall';

export type WallState = 'connecting' | 'live' | 'reconnecting' | 'revoked';

type Handlers = {
	budget?: (figures: BudgetWall) => void;
	roster?: (figures: RosterWall) => void;
};

/** How long to wait before asking again after the server refused the socket for now. */
const RETRY_MS = 3_000;
/** After the server refused this network for too many wrong display links. */
const RATE_LIMITED_RETRY_MS = 60_000;
/** After the server closed it: soon, so a revoked screen goes blank within a second. */
const AFTER_DROP_MS = 500;

export class WallConnection {
	state = $state<WallState>('connecting');
	/** When figures last arrived (the display shows it, so a frozen screen is noticed). */
	lastUpdated = $state<Date | null>(null);
	#socket: Socket<ServerToClientEvents, ClientToServerEvents>;
	#retry: ReturnType<typeof setTimeout> | null = null;
	#closed = false;

	constructor(token: string, handlers: Handlers) {
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
			path: '/socket.io',
			auth: { displayToken: token },
			reconnectionDelay: 1_000,
			reconnectionDelayMax: 10_000
		});
		this.#socket = socket;
		socket.on('connect', () => {
			this.state = 'live';
		});
		socket.on('connect_error', (err) => {
			if (err.message === 'unauthorized') {
				// Revoked (or never valid): stop, and say so on the screen.
				this.state = 'revoked';
				socket.disconnect();
				return;
			}
			this.state = 'reconnecting';
			// The server answered but refused for now (its database is unreachable, or too many
			// wrong display links came from this network): the client does not retry a refusal by
			// itself. A rate limit lasts minutes, so asking every few seconds would only add load.
			if (!socket.active)
				this.#again(err.message === 'rate_limited' ? RATE_LIMITED_RETRY_MS : RETRY_MS);
		});
		socket.on('disconnect', (reason) => {
			if (this.#closed || this.state === 'revoked') return;
			this.state = 'reconnecting';
			// Dropped by the server: a revoked token, or a process shutting down. Asking again
			// tells the two apart (a revoked token is refused with 'unauthorized').
			if (reason === 'io server disconnect') this.#again(AFTER_DROP_MS);
		});
		socket.on('wall:budget', (figures) => {
			// Replaced on every update, never mutated: a plain Date is what it should be.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			this.lastUpdated = new Date();
			handlers.budget?.(figures);
		});
		socket.on('wall:roster', (figures) => {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			this.lastUpdated = new Date();
			handlers.roster?.(figures);
		});
	}

	#again(delay = RETRY_MS): void {
		if (this.#retry || this.#closed) return;
		this.#retry = setTimeout(() => {
			this.#retry = null;
			if (!this.#closed && this.state !== 'revoked') this.#socket.connect();
		}, delay);
	}

	close(): void {
		this.#closed = true;
		if (this.#retry) clearTimeout(this.#retry);
		this.#socket.disconnect();
	}
}
