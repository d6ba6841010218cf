/**
 * Which origin a request belongs to: the scheme and host the user's browser sees. SvelteKit's
 * CSRF check, HSTS, Secure cookies and the links put in mail and calendar feeds all follow it.
 *
 * adapter-node builds the origin from ORIGIN, else from PROTOCOL_HEADER and HOST_HEADER, else it
 * assumes `https://` + Host, which refuses every form post on a plain-http demo. So when neither
 * ORIGIN nor PROTOCOL_HEADER is configured, the production entry names a private header as
 * PROTOCOL_HEADER and sets it on every request from the socket itself (http or https), replacing
 * whatever a client sent. Pure functions, so the rule is tested without a server.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Set by realtime/server.ts from the connection, never taken from the client. */
export const SOCKET_PROTOCOL_HEADER = 'x-ndis-socket-protocol';

export type OriginSettings = {
	origin?: string;
	protocolHeader?: string;
	hostHeader?: string;
	portHeader?: string;
};

/** The adapter-node variables for these settings (written to process.env before it loads). */
export function adapterOriginEnvironment(settings: OriginSettings): Record<string, string> {
	const env: Record<string, string> = {};
	if (settings.origin) env.ORIGIN = settings.origin;
	if (settings.protocolHeader) env.PROTOCOL_HEADER = settings.protocolHeader;
	else if (!settings.origin) env.PROTOCOL_HEADER = SOCKET_PROTOCOL_HEADER;
	if (settings.hostHeader) env.HOST_HEADER = settings.hostHeader;
	if (settings.portHeader) env.PORT_HEADER = settings.portHeader;
	return env;
}

function header(headers: IncomingHttpHeaders, name: string | undefined): string | undefined {
	if (!name) return undefined;
	const value = headers[name.toLowerCase()];
	return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

/**
 * The origin the user sees for a request with these headers, arriving over TLS or not; null when
 * it cannot be told (no Host). Agrees with what adapter-node gives SvelteKit as `event.url.origin`
 * once `adapterOriginEnvironment()` is in force, so Socket.IO's handshake, which never reaches
 * SvelteKit, can be checked by the same rule.
 */
export function requestOrigin(
	settings: OriginSettings,
	headers: IncomingHttpHeaders,
	encrypted: boolean
): string | null {
	if (settings.origin) return new URL(settings.origin).origin;
	const protocol = settings.protocolHeader
		? (header(headers, settings.protocolHeader) ?? 'https')
		: encrypted
			? 'https'
			: 'http';
	const host = header(headers, settings.hostHeader) ?? header(headers, 'host');
	if (!host) return null;
	const port = header(headers, settings.portHeader);
	try {
		return new URL(`${protocol}://${host}${port ? `:${port}` : ''}`).origin;
	} catch {
		return null;
	}
}

/** Sets the private protocol header from the connection, replacing any value the client sent. */
export function stampSocketProtocol(req: {
	headers: IncomingHttpHeaders;
	socket: { encrypted?: boolean } | object;
}): void {
	const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
	req.headers[SOCKET_PROTOCOL_HEADER] = encrypted ? 'https' : 'http';
}
