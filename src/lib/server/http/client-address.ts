/**
 * The client's address for a connection that never reaches SvelteKit (a Socket.IO handshake), by
 * adapter-node's own rule, so per-address limits count a screen the same on its page and its
 * socket: ADDRESS_HEADER when set (for x-forwarded-for, the entry XFF_DEPTH proxies from the right),
 * otherwise the connection's remote address.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { config } from '../config';

export function clientAddress(
	headers: IncomingHttpHeaders,
	remoteAddress: string | undefined,
	proxy: { addressHeader?: string; xffDepth: number } = config.proxy
): string | null {
	const name = proxy.addressHeader?.toLowerCase();
	if (!name) return remoteAddress || null;
	const raw = headers[name];
	const value = (Array.isArray(raw) ? raw.join(',') : raw)?.trim();
	if (!value) return null;
	if (name !== 'x-forwarded-for') return value;
	const addresses = value.split(',');
	return addresses[addresses.length - proxy.xffDepth]?.trim() || null;
}
