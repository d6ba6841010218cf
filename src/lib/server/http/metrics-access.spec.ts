import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';
import { isLoopback, metricsAccess } from './metrics-access';

const TOKEN = 'prometheus-scrapes-with-this-0123456789';

describe('metrics access', () => {
	it('with METRICS_TOKEN, wants exactly that bearer token, from any address', () => {
		expect(metricsAccess(`Bearer ${TOKEN}`, '203.0.113.9', TOKEN)).toBe('allowed');
		expect(metricsAccess(`bearer ${TOKEN}`, null, TOKEN)).toBe('allowed');
		for (const header of [
			null,
			'',
			TOKEN,
			`Basic ${TOKEN}`,
			`Bearer ${TOKEN}x`,
			`Bearer ${TOKEN.slice(0, -1)}`,
			'Bearer '
		]) {
			expect(metricsAccess(header, '127.0.0.1', TOKEN), String(header)).toBe('unauthorized');
		}
	});

	it('without one, answers only this machine', () => {
		for (const address of [
			'127.0.0.1',
			'127.8.9.10',
			'::1',
			'0:0:0:0:0:0:0:1',
			'::ffff:127.0.0.1'
		]) {
			expect(metricsAccess(null, address, undefined), address).toBe('allowed');
		}
		for (const address of ['10.0.0.1', '203.0.113.9', '::ffff:10.0.0.1', 'fe80::1', '::2', null]) {
			expect(metricsAccess(`Bearer ${TOKEN}`, address, undefined), String(address)).toBe(
				'forbidden'
			);
		}
		expect(isLoopback('localhost')).toBe(false);
	});
});

describe('a socket client address', () => {
	it('is the connection address unless a proxy header is configured', () => {
		expect(clientAddress({}, '127.0.0.1', { xffDepth: 1 })).toBe('127.0.0.1');
		const headers = { 'x-forwarded-for': '198.51.100.7, 203.0.113.9', 'x-real-ip': '192.0.2.1' };
		const xff = (xffDepth: number) =>
			clientAddress(headers, '127.0.0.1', { addressHeader: 'X-Forwarded-For', xffDepth });
		expect(xff(1)).toBe('203.0.113.9');
		expect(xff(2)).toBe('198.51.100.7');
		expect(xff(3)).toBeNull();
		expect(clientAddress(headers, '127.0.0.1', { addressHeader: 'x-real-ip', xffDepth: 1 })).toBe(
			'192.0.2.1'
		);
		expect(clientAddress({}, '127.0.0.1', { addressHeader: 'x-real-ip', xffDepth: 1 })).toBeNull();
	});
});
