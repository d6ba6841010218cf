/**
 * The cross-origin write rule on its own (the running server is checked over every write endpoint
 * in realtime/cross-origin.int.spec.ts): what another site's page could send with our user's
 * cookie is refused, and what the app's own pages, curl and scripts send is not.
 */
import { describe, expect, it } from 'vitest';
import { isCrossOriginWrite } from './cross-origin';

const OWN = 'http://127.0.0.1:3000';

function check(method: string, headers: Record<string, string>, pathname = '/api/v1/x') {
	return isCrossOriginWrite({ method, pathname, headers: new Headers(headers), ownOrigin: OWN });
}

describe('writes to the API', () => {
	it('are refused from any other origin, whatever the method', () => {
		for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
			expect(check(method, { origin: 'http://evil.example' })).toBe(true);
			// Same host, another port or scheme: another origin (SameSite=Lax would let these by).
			expect(check(method, { origin: 'http://127.0.0.1:4000' })).toBe(true);
			expect(check(method, { origin: 'https://127.0.0.1:3000' })).toBe(true);
			expect(check(method, { origin: 'null' })).toBe(true);
		}
	});

	it('pass from the app itself', () => {
		expect(check('POST', { origin: OWN })).toBe(false);
		expect(check('DELETE', { origin: OWN, 'sec-fetch-site': 'same-origin' })).toBe(false);
	});

	it('without Origin, follow Sec-Fetch-Site: same-site and cross-site are refused', () => {
		expect(check('POST', { 'sec-fetch-site': 'cross-site' })).toBe(true);
		expect(check('POST', { 'sec-fetch-site': 'same-site' })).toBe(true);
		expect(check('POST', { 'sec-fetch-site': 'same-origin' })).toBe(false);
		expect(check('POST', { 'sec-fetch-site': 'none' })).toBe(false);
	});

	it('pass with neither header: not a browser (curl, scripts, server-side clients)', () => {
		expect(check('POST', {})).toBe(false);
	});

	it('Origin decides over Sec-Fetch-Site when both are sent', () => {
		expect(check('POST', { origin: 'http://evil.example', 'sec-fetch-site': 'none' })).toBe(true);
	});
});

describe('what the rule leaves alone', () => {
	it('reads, even from another origin', () => {
		for (const method of ['GET', 'HEAD', 'OPTIONS']) {
			expect(check(method, { origin: 'http://evil.example' })).toBe(false);
		}
	});

	it("pages (SvelteKit's own CSRF check guards their form actions)", () => {
		expect(check('POST', { origin: 'http://evil.example' }, '/login')).toBe(false);
	});
});
