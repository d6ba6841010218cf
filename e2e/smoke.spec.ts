import { expect, test } from '@playwright/test';
import { io } from 'socket.io-client';

test('the home page renders its heading', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('health and readiness answer 200 with JSON', async ({ request }) => {
	const health = await request.get('/healthz');
	expect(health.status()).toBe(200);
	expect(await health.json()).toEqual({ status: 'ok' });

	const ready = await request.get('/readyz');
	expect(ready.status()).toBe(200);
	expect(await ready.json()).toMatchObject({ status: 'ok' });
});

test('metrics are Prometheus text', async ({ request }) => {
	const metrics = await request.get('/metrics');
	expect(metrics.status()).toBe(200);
	expect(await metrics.text()).toContain('process_cpu_seconds_total');
});

test('the API describes itself, without signing in', async ({ request }) => {
	const response = await request.get('/api/v1/openapi.json');
	expect(response.status()).toBe(200);
	const document = await response.json();
	expect(document.openapi).toBe('3.1.0');
	expect(Object.keys(document.paths)).toContain('/api/v1/users/{id}');
});

test('security headers forbid framing and sniffing', async ({ request }) => {
	const response = await request.get('/login');
	expect(response.headers()['x-frame-options']).toBe('DENY');
	expect(response.headers()['x-content-type-options']).toBe('nosniff');
	expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
});

// The server does not serve socket.io's browser client (serveClient: false; the app bundles its
// own), so the socket is opened from here, with the Origin a page of this site would send.
for (const transport of ['polling', 'websocket'] as const) {
	test(`a socket without a session is refused as unauthorized (${transport})`, async ({
		baseURL
	}) => {
		const socket = io(baseURL!, {
			path: '/socket.io',
			transports: [transport],
			reconnection: false,
			extraHeaders: { origin: baseURL! }
		});
		const outcome = await new Promise<string>((resolve) => {
			socket.on('connect', () => resolve('connected'));
			socket.on('connect_error', (err) => resolve(err.message));
		});
		socket.close();
		expect(outcome).toBe('unauthorized');
	});
}
