/**
 * One structured logger for every process (web, worker, scripts). JSON lines on stdout, so the
 * platform's log collector can parse them; errors go under `err` so pino serialises their stack.
 */
import { pino } from 'pino';
import { config } from './config';

export const logger = pino({
	level: config.logLevel,
	base: { pid: process.pid },
	// Secrets that could end up in a logged object by accident never reach the log.
	redact: {
		paths: ['password', '*.password', 'token', '*.token', 'req.headers.cookie', 'headers.cookie'],
		censor: '[redacted]'
	}
});

export type Logger = typeof logger;
