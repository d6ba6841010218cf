/**
 * /healthz, /readyz and /metrics. SvelteKit endpoints serve them in dev and, through the mounted
 * handler, in production, so this is the one implementation. Relative imports: realtime/server.ts
 * runs these modules under tsx, outside Vite.
 */
import { db } from './db';
import { logger } from './logger';
import { renderMetrics } from './metrics';
import { redis } from './redis';

const CHECK_TIMEOUT_MS = 2_000;
const noStore = { 'cache-control': 'no-store' };

type CheckResult = 'ok' | 'failed';

export type Readiness = {
	status: 'ok' | 'unavailable';
	checks: { database: CheckResult; redis: CheckResult };
};

/** Up means up: no dependency is consulted, so an orchestrator never restarts us for Redis. */
export function liveness(): Response {
	return Response.json({ status: 'ok' }, { headers: noStore });
}

export async function readiness(): Promise<Readiness> {
	const [database, cache] = await Promise.all([
		probe('database', () => db().query('SELECT 1')),
		probe('redis', () => redis().ping())
	]);
	const ok = database === 'ok' && cache === 'ok';
	return { status: ok ? 'ok' : 'unavailable', checks: { database, redis: cache } };
}

export async function readinessResponse(): Promise<Response> {
	const result = await readiness();
	return Response.json(result, { status: result.status === 'ok' ? 200 : 503, headers: noStore });
}

export async function metricsResponse(): Promise<Response> {
	const { contentType, body } = await renderMetrics();
	return new Response(body, { headers: { ...noStore, 'content-type': contentType } });
}

// The reason goes to the log only: the response names the failed check, never the error.
async function probe(check: string, run: () => Promise<unknown>): Promise<CheckResult> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
			CHECK_TIMEOUT_MS
		);
	});
	try {
		await Promise.race([Promise.resolve().then(run), timeout]);
		return 'ok';
	} catch (err) {
		logger.warn({ err, check }, 'readiness check failed');
		return 'failed';
	} finally {
		clearTimeout(timer);
	}
}
