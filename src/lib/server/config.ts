/**
 * The only module that reads process.env. Everything else imports `config`.
 * Values are validated once at start-up so a misconfigured process fails loudly and early.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

// Tests never read a developer's .env: their keys and databases are fixed, so runs are repeatable.
if (process.env.NODE_ENV !== 'test' && existsSync(resolve('.env'))) {
	loadDotenv({ path: resolve('.env'), quiet: true });
}

const env = process.env;
const nodeEnv = z
	.enum(['development', 'test', 'production'])
	.catch('development')
	.parse(env.NODE_ENV);
const isTest = nodeEnv === 'test';

const postgresUrl = z
	.string()
	.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
	.describe('database URL');

const schema = z.object({
	NODE_ENV: z.enum(['development', 'test', 'production']),
	// The app connects as ndis_app, a role that owns no tables, so row-level security applies to it.
	DATABASE_URL: postgresUrl.default('postgres://ndis_app:ndis_app@127.0.0.1:5432/ndis'),
	DATABASE_URL_TEST: postgresUrl.default('postgres://ndis_app:ndis_app@127.0.0.1:5432/ndis_test'),
	// Migrations, imports and seeds run as ndis_owner, the role that owns the schema.
	DATABASE_OWNER_URL: postgresUrl.default('postgres://ndis_owner:ndis_owner@127.0.0.1:5432/ndis'),
	DATABASE_OWNER_URL_TEST: postgresUrl.default(
		'postgres://ndis_owner:ndis_owner@127.0.0.1:5432/ndis_test'
	),
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\//, 'must be a redis:// URL')
		.default('redis://127.0.0.1:6379'),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	ORIGIN: z.string().url().optional(),
	ENCRYPTION_KEY: z
		.string()
		.refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
		.optional(),
	// Keys retired by `npm run cli -- keys:rotate`, comma-separated, kept so old values still open.
	ENCRYPTION_KEYS_PREVIOUS: z.string().optional(),
	// Largest request body adapter-node accepts (uploads: documents up to 20 MB, catalogue CSVs).
	BODY_SIZE_LIMIT: z
		.string()
		.regex(/^\d+[KMG]?$/i, 'must be a size like 25M')
		.default('25M'),
	SMTP_URL: z.string().optional(),
	// Namespaces every BullMQ key in Redis, so tests (and a second install) never touch these queues.
	BULLMQ_PREFIX: z
		.string()
		.regex(/^[\w-]+$/, 'letters, digits, - and _ only')
		.default(isTest ? 'ndis-test' : 'ndis'),
	// How long a worker's claim on a job lasts unrenewed: after a crash, the wait before a retry.
	BULLMQ_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
	DOCUMENTS_DIR: z.string().default('.data/documents'),
	LOG_LEVEL: z
		.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
		.default(isTest ? 'warn' : 'info')
});

const parsed = schema.safeParse({ ...env, NODE_ENV: nodeEnv });
if (!parsed.success) {
	const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
	throw new Error(`Invalid environment:\n${lines.join('\n')}`);
}
const v = parsed.data;
const parsedBodySizeLimit = v.BODY_SIZE_LIMIT;

export const config = {
	env: nodeEnv,
	isProduction: nodeEnv === 'production',
	isTest,
	databaseUrl: isTest ? v.DATABASE_URL_TEST : v.DATABASE_URL,
	databaseOwnerUrl: isTest ? v.DATABASE_OWNER_URL_TEST : v.DATABASE_OWNER_URL,
	redisUrl: v.REDIS_URL,
	port: v.PORT,
	host: v.HOST,
	origin: v.ORIGIN,
	encryptionKey: v.ENCRYPTION_KEY,
	previousEncryptionKeys: (v.ENCRYPTION_KEYS_PREVIOUS ?? '')
		.split(',')
		.map((k) => k.trim())
		.filter(Boolean),
	smtpUrl: v.SMTP_URL,
	queuePrefix: v.BULLMQ_PREFIX,
	workerLockMs: v.BULLMQ_LOCK_MS,
	documentsDir: resolve(v.DOCUMENTS_DIR),
	logLevel: v.LOG_LEVEL
} as const;

export type Config = typeof config;

/**
 * Production refuses to start without ENCRYPTION_KEY. Process entry points (realtime/server.ts,
 * the worker) call this first; it is not checked on import because `vite build` imports the
 * server modules in production mode to analyse them, where no runtime secrets exist.
 */
export function assertProductionSecrets(): void {
	if (config.isProduction && !config.encryptionKey) {
		throw new Error('ENCRYPTION_KEY is required in production (32 bytes, base64).');
	}
}

/**
 * adapter-node reads its own settings from the environment when its handler is imported; the
 * production entry calls this first so they come from here, validated, like everything else.
 */
export function exportAdapterEnvironment(): void {
	process.env.BODY_SIZE_LIMIT = parsedBodySizeLimit;
}
