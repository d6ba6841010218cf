/**
 * Graceful shutdown hooks. The production server (tsx) and the SvelteKit bundle it mounts each
 * hold their own copies of the server modules and their connections; the list lives on globalThis
 * so the server's SIGTERM handler can close both sides' connections and wait for them.
 */
type Closer = { name: string; close: () => Promise<void> };

const KEY = Symbol.for('ndis.shutdown');
const store = globalThis as typeof globalThis & { [KEY]?: Closer[] };
const closers = (store[KEY] ??= []);

export function onShutdown(name: string, close: () => Promise<void>): void {
	closers.push({ name, close });
}

/** Runs every registered closer once, concurrently; returns the names of those that failed. */
export async function runShutdown(): Promise<string[]> {
	const pending = closers.splice(0);
	const results = await Promise.allSettled(pending.map((c) => c.close()));
	return pending.filter((_, i) => results[i]?.status === 'rejected').map((c) => c.name);
}
