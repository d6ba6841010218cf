/**
 * Production entry (`npm start`): one HTTP server for SvelteKit's handler and Socket.IO, on one
 * origin and port. /healthz, /readyz and /metrics are SvelteKit endpoints (src/routes), so the
 * mounted handler serves them here exactly as `npm run dev` does.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import {
	assertProductionSecrets,
	config,
	exportAdapterEnvironment
} from '../src/lib/server/config';
import { stampSocketProtocol } from '../src/lib/server/http/origin';
import { logger } from '../src/lib/server/logger';
import { installProcessGuards } from '../src/lib/server/process-guard';
import { runShutdown } from '../src/lib/server/shutdown';
import { attachRealtime, type Realtime } from './attach';

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

// Orchestrators usually wait 30 s before SIGKILL; 10 s leaves in-flight requests time to finish.
const SHUTDOWN_GRACE_MS = 10_000;

async function loadHandler(): Promise<NodeHandler> {
	const url = new URL('../build/handler.js', import.meta.url);
	const file = fileURLToPath(url);
	if (!existsSync(file)) throw new Error(`${file} not found: run npm run build first`);
	const mod = (await import(url.href)) as { handler: NodeHandler };
	return mod.handler;
}

/**
 * Pages and JSON compressed (brotli or gzip, as the browser asks; compression's own filter decides
 * which types are worth it). Not event streams, which must reach the browser as each event is
 * written; built assets come precompressed from sirv, and Socket.IO answers before this handler.
 */
const compress = compression({
	filter: (req, res) =>
		!String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') &&
		compression.filter(req, res)
	// Typed as Express middleware, it uses only what Node's own request and response have.
}) as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

function serve(handler: NodeHandler): NodeHandler {
	return (req, res) => {
		// The origin rule's private header (src/lib/server/http/origin.ts): always from the socket.
		stampSocketProtocol(req);
		compress(req, res, () => handler(req, res));
	};
}

function listen(server: Server): Promise<void> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

function publicUrl(): string {
	const wildcard = config.host === '0.0.0.0' || config.host === '::';
	return `http://${wildcard ? 'localhost' : config.host}:${config.port}`;
}

function handleSignals(server: Server, realtime: Realtime): void {
	let stopping = false;
	const stop = async (signal: NodeJS.Signals) => {
		// Ctrl-C reaches both `npm` and this process, so a second signal is expected, not urgent.
		if (stopping) return;
		stopping = true;
		logger.info({ signal }, 'shutting down');
		const force = setTimeout(() => {
			logger.error(`still busy after ${SHUTDOWN_GRACE_MS} ms; forcing exit`);
			process.exit(1);
		}, SHUTDOWN_GRACE_MS);
		force.unref();
		try {
			const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeIdleConnections();
			await realtime.close();
			await httpClosed;
			const failed = await runShutdown();
			if (failed.length > 0) logger.warn({ failed }, 'some connections did not close cleanly');
			logger.info('stopped');
			process.exit(0);
		} catch (err) {
			logger.error({ err }, 'shutdown failed');
			process.exit(1);
		}
	};
	process.on('SIGTERM', (signal) => void stop(signal));
	process.on('SIGINT', (signal) => void stop(signal));
}

async function main(): Promise<void> {
	// A stray rejection (a Redis outage, say) is logged, not allowed to end the process.
	installProcessGuards('web');
	assertProductionSecrets();
	exportAdapterEnvironment();
	const handler = await loadHandler();
	const server = createServer(serve(handler));
	const realtime = attachRealtime(server);
	handleSignals(server, realtime);
	await listen(server);
	logger.info({ url: publicUrl() }, `listening on ${publicUrl()}`);
}

main().catch((err: unknown) => {
	logger.fatal({ err }, err instanceof Error ? err.message : 'failed to start');
	process.exit(1);
});
