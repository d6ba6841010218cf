import { defineConfig } from '@playwright/test';
import { DEVELOPMENT_KEY } from './src/lib/server/crypto/development-key';

// Overridable so a second checkout can run its journeys beside this one (own port, database, Redis db).
const PORT = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
	testDir: 'e2e',
	// Accounts and a clean sign-in record for the auth journeys (e2e/support/reset-auth.ts).
	globalSetup: './e2e/global-setup.ts',
	reporter: 'list',
	// One server and one database for every journey; parallel workers would trip over each other.
	workers: 1,
	use: {
		baseURL,
		browserName: 'chromium',
		trace: 'retain-on-failure',
		launchOptions: {
			// Debian's Chromium, not a downloaded one (`npx playwright install` is not used here).
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: [
		{
			// The production build, exactly as `npm start` serves it.
			command: 'npm start',
			url: `${baseURL}/healthz`,
			reuseExistingServer: false,
			timeout: 60_000,
			gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
			env: {
				NODE_ENV: 'production',
				HOST: '127.0.0.1',
				PORT: String(PORT),
				// No ORIGIN, as `npm run demo` starts it: the origin is the address the browser used
				// (e2e/first-run.spec.ts opens it at localhost and at 127.0.0.1).
				// Production mode reads DATABASE_URL, so point it at the test database explicitly.
				DATABASE_URL:
					process.env.DATABASE_URL_TEST ?? 'postgres://ndis_app:ndis_app@127.0.0.1:5432/ndis_test',
				// And the owner connection too (the catalogue import uses it), or it reaches `ndis`.
				DATABASE_OWNER_URL:
					process.env.DATABASE_OWNER_URL_TEST ??
					'postgres://ndis_owner:ndis_owner@127.0.0.1:5432/ndis_test',
				// The public development key the test seeds encrypted with: test data only.
				ENCRYPTION_KEY: DEVELOPMENT_KEY,
				LOG_LEVEL: 'warn',
				// The journeys' queued mail stays out of the machine's real queues.
				BULLMQ_PREFIX: 'ndis-e2e',
				// Rate-limit counters and socket channels: the tests' (e2e/support resets them there).
				REDIS_PREFIX: 'ndis-test'
			}
		},
		{
			// A worker on the same queues, so jobs the journeys trigger (an approval's budget
			// recompute, the wall displays' figures) run as they do in production.
			command: 'node_modules/.bin/tsx src/jobs/worker.ts',
			wait: { stdout: /"msg":"worker ready"/ },
			reuseExistingServer: false,
			timeout: 60_000,
			gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
			env: {
				NODE_ENV: 'production',
				DATABASE_URL:
					process.env.DATABASE_URL_TEST ?? 'postgres://ndis_app:ndis_app@127.0.0.1:5432/ndis_test',
				DATABASE_OWNER_URL:
					process.env.DATABASE_OWNER_URL_TEST ??
					'postgres://ndis_owner:ndis_owner@127.0.0.1:5432/ndis_test',
				ENCRYPTION_KEY: DEVELOPMENT_KEY,
				// Info, so the readiness line above is printed.
				LOG_LEVEL: 'info',
				BULLMQ_PREFIX: 'ndis-e2e',
				// Rate-limit counters and socket channels: the tests' (e2e/support resets them there).
				REDIS_PREFIX: 'ndis-test'
			}
		}
	]
});
