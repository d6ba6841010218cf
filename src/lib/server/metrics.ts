/**
 * Prometheus metrics. In production the SvelteKit bundle and realtime/server.ts each load their own
 * copy of this module, so the registry lives on globalThis: whichever copy records a metric, the
 * one /metrics endpoint reports it.
 */
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

type Metrics = {
	registry: Registry;
	httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
	socketConnections: Gauge;
};

const KEY = Symbol.for('ndis.metrics');
const store = globalThis as typeof globalThis & { [KEY]?: Metrics };

function createMetrics(): Metrics {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry });
	const httpRequestDuration = new Histogram({
		name: 'http_request_duration_seconds',
		help: 'Duration of HTTP requests handled by the app, by route pattern',
		labelNames: ['method', 'route', 'status'] as const,
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
		registers: [registry]
	});
	const socketConnections = new Gauge({
		name: 'socketio_connected_sockets',
		help: 'Socket.IO connections open on this process',
		registers: [registry]
	});
	return { registry, httpRequestDuration, socketConnections };
}

const metrics = (store[KEY] ??= createMetrics());

export const registry = metrics.registry;
export const socketConnections = metrics.socketConnections;

/**
 * Starts timing one request; call the returned function with the response status. `route` must be
 * a pattern (`/participants/[id]`), never a raw path, or every id becomes a new time series.
 */
export function startHttpTimer(method: string, route: string): (status: number) => void {
	const end = metrics.httpRequestDuration.startTimer({ method, route });
	return (status) => {
		end({ status: String(status) });
	};
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
	return { contentType: registry.contentType, body: await registry.metrics() };
}
