import { expect, test } from '@playwright/test';

// The browser build of socket.io-client (the server does not serve it: serveClient is off),
// reduced to what is used here.
type ClientSocket = {
	on(event: 'connect', listener: () => void): void;
	on(event: 'connect_error', listener: (err: Error) => void): void;
	close(): void;
};
type ClientFactory = (options: { transports: string[]; reconnection: boolean }) => ClientSocket;

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

test.describe('sockets from a page', () => {
	// The client is injected inline, which the site's CSP rightly forbids to anything but a test.
	test.use({ bypassCSP: true });

	for (const transport of ['polling', 'websocket']) {
		test(`a socket without a session is refused as unauthorized (${transport})`, async ({
			page
		}) => {
			await page.goto('/');
			await page.addScriptTag({ path: 'node_modules/socket.io-client/dist/socket.io.min.js' });
			const outcome = await page.evaluate(
				(transports) =>
					new Promise<string>((resolve) => {
						const io = (window as unknown as { io: ClientFactory }).io;
						const socket = io({ transports, reconnection: false });
						socket.on('connect', () => resolve('connected'));
						socket.on('connect_error', (err) => {
							socket.close();
							resolve(err.message);
						});
					}),
				[transport]
			);
			expect(outcome).toBe('unauthorized');
		});
	}
});
