/**
 * What a process does with an error nobody caught (web: realtime/server.ts and the dev plugin;
 * worker: src/jobs/worker.ts). Node's default ends the process, and with no supervisor it stays
 * down: a Redis outage that produced one stray rejection took every user offline.
 *
 * - An unhandled promise rejection is a bug to fix, not a reason to stop serving: logged (with the
 *   error) and survived.
 * - An uncaught exception from a Redis connection (an outage) is survived too: ioredis reconnects.
 * - Any other uncaught exception leaves the process in a state nobody can vouch for: logged as
 *   fatal, and the process exits 1 for its supervisor to restart it.
 */
import { logger } from './logger';
import { isRedisOutage } from './redis';

const KEY = Symbol.for('ndis.process-guard');
const marks = globalThis as typeof globalThis & { [KEY]?: boolean };

export function installProcessGuards(name: string): void {
	// Once per process, though the web process holds two copies of this module (tsx and the bundle).
	if (marks[KEY]) return;
	marks[KEY] = true;
	process.on('unhandledRejection', (reason) => {
		logger.error(
			{ err: reason, process: name, redisOutage: isRedisOutage(reason) },
			'unhandled promise rejection (still serving)'
		);
	});
	process.on('uncaughtException', (err, origin) => {
		if (isRedisOutage(err)) {
			logger.error({ err, origin, process: name }, 'uncaught Redis error (still serving)');
			return;
		}
		logger.fatal({ err, origin, process: name }, 'uncaught exception; exiting');
		// pino writes synchronously to stdout by default, so the line is out before we go.
		process.exit(1);
	});
}
