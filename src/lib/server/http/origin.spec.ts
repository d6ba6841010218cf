/**
 * The origin rule: without ORIGIN the app's origin is the scheme and host the request came in on;
 * ORIGIN, or a proxy's headers named by PROTOCOL_HEADER / HOST_HEADER, override it as adapter-node
 * documents. Sign-in, form posts and uploads are refused when this is wrong.
 */
import { describe, expect, it } from 'vitest';
import {
	adapterOriginEnvironment,
	requestOrigin,
	SOCKET_PROTOCOL_HEADER,
	stampSocketProtocol
} from './origin';

describe('the origin rule without ORIGIN (npm run demo, npm start on a laptop)', () => {
	it('is http and the Host the browser used, whatever name reached the server', () => {
		for (const host of ['localhost:3000', '127.0.0.1:3000', 'carers-laptop.local:3000']) {
			expect(requestOrigin({}, { host }, false)).toBe(`http://${host}`);
		}
	});

	it('is https when the connection itself is TLS', () => {
		expect(requestOrigin({}, { host: 'care.example.org' }, true)).toBe('https://care.example.org');
	});

	it('ignores forwarded headers nobody configured: a client cannot claim https', () => {
		const headers = {
			host: '127.0.0.1:3000',
			'x-forwarded-proto': 'https',
			'x-forwarded-host': 'evil.example'
		};
		expect(requestOrigin({}, headers, false)).toBe('http://127.0.0.1:3000');
	});

	it('has no origin when the request names no host', () => {
		expect(requestOrigin({}, {}, false)).toBeNull();
	});

	it('tells adapter-node to read the scheme from the private header the server sets', () => {
		expect(adapterOriginEnvironment({})).toEqual({ PROTOCOL_HEADER: SOCKET_PROTOCOL_HEADER });
	});

	it('replaces a private header a client sent with the connection’s own scheme', () => {
		const req = {
			headers: { host: 'localhost:3000', [SOCKET_PROTOCOL_HEADER]: 'https' },
			socket: {}
		};
		stampSocketProtocol(req);
		expect(req.headers[SOCKET_PROTOCOL_HEADER]).toBe('http');
		const tls = { headers: { host: 'localhost:3000' }, socket: { encrypted: true } };
		stampSocketProtocol(tls);
		expect(tls.headers).toHaveProperty(SOCKET_PROTOCOL_HEADER, 'https');
	});
});

describe('the origin rule with ORIGIN', () => {
	it('is ORIGIN, whatever Host or scheme the request carries', () => {
		const settings = { origin: 'https://care.example.org' };
		expect(requestOrigin(settings, { host: '10.0.0.5:3000' }, false)).toBe(
			'https://care.example.org'
		);
		expect(adapterOriginEnvironment(settings)).toEqual({ ORIGIN: 'https://care.example.org' });
	});
});

describe('the origin rule behind a proxy with forwarded headers', () => {
	const settings = { protocolHeader: 'x-forwarded-proto', hostHeader: 'x-forwarded-host' };

	it('is the scheme and host the proxy forwards', () => {
		const headers = {
			host: '10.0.0.5:3000',
			'x-forwarded-proto': 'https',
			'x-forwarded-host': 'care.example.org'
		};
		expect(requestOrigin(settings, headers, false)).toBe('https://care.example.org');
		expect(adapterOriginEnvironment(settings)).toEqual({
			PROTOCOL_HEADER: 'x-forwarded-proto',
			HOST_HEADER: 'x-forwarded-host'
		});
	});

	it('falls back to Host, and to https as adapter-node does, when a header is missing', () => {
		expect(requestOrigin(settings, { host: 'care.example.org' }, false)).toBe(
			'https://care.example.org'
		);
	});

	it('adds the forwarded port when PORT_HEADER names one', () => {
		const headers = { host: 'x', 'x-forwarded-proto': 'https', 'x-forwarded-port': '8443' };
		expect(requestOrigin({ ...settings, portHeader: 'x-forwarded-port' }, headers, false)).toBe(
			'https://x:8443'
		);
	});

	it('keeps the connection’s scheme when only HOST_HEADER is configured', () => {
		const headers = { host: '10.0.0.5:3000', 'x-forwarded-host': 'office.lan:8080' };
		expect(requestOrigin({ hostHeader: 'x-forwarded-host' }, headers, false)).toBe(
			'http://office.lan:8080'
		);
		expect(adapterOriginEnvironment({ hostHeader: 'x-forwarded-host' })).toEqual({
			PROTOCOL_HEADER: SOCKET_PROTOCOL_HEADER,
			HOST_HEADER: 'x-forwarded-host'
		});
	});
});
