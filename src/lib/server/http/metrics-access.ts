/**
 * Who may read /metrics. With METRICS_TOKEN set, a request must carry `Authorization: Bearer
 * <METRICS_TOKEN>` (compared in constant time), from anywhere: a Prometheus on another machine.
 * Without it, only a client on this machine (a loopback address) may, so an install that never
 * configured monitoring does not publish its request counts and timings to the internet.
 * Behind a proxy, the address is the one ADDRESS_HEADER names (config.ts), as for sign-in limits.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { config } from '../config';

export type MetricsAccess = 'allowed' | 'unauthorized' | 'forbidden';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether an address is this machine's: 127.0.0.0/8, ::1, or either mapped into IPv6. */
export function isLoopback(address: string | null): boolean {
	if (!address) return false;
	if (isIP(address) === 4) return address.startsWith('127.');
	if (isIP(address) !== 6) return false;
	// The URL parser writes IPv6 in one canonical form (compressed, lower case, mapped IPv4 in hex).
	const host = new URL(`http://[${address}]`).hostname;
	return host === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}

export function metricsAccess(
	authorization: string | null,
	address: string | null,
	token: string | undefined = config.metricsToken
): MetricsAccess {
	if (token) {
		const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
		// Hashes have one length, so timingSafeEqual never throws, nor tells the token's length.
		if (given && timingSafeEqual(digest(given), digest(token))) return 'allowed';
		return 'unauthorized';
	}
	return isLoopback(address) ? 'allowed' : 'forbidden';
}
