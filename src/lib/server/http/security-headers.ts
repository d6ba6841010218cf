/**
 * Response headers every page and endpoint carries. The Content-Security-Policy itself comes from
 * SvelteKit (kit.csp in svelte.config.js), which hashes its own inline scripts; these are the rest.
 */
import type { Handle } from '@sveltejs/kit';
import { config } from '../config';

const HEADERS: Record<string, string> = {
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
	'Cross-Origin-Opener-Policy': 'same-origin'
};

export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(HEADERS)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	// HSTS only where the user sees the site over HTTPS (event.url: ORIGIN, the proxy's headers or
	// the connection, http/origin.ts); over plain http it is ignored at best, and wrong.
	if (config.isProduction && event.url.protocol === 'https:') {
		response.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
	}
	return response;
};
