/**
 * The only module that reads process.env. Everything else imports `config`.
 * Values are validated once at start-up so a misconfigured process fails loudly and early.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { adapterOriginEnvironment } from './http/origin';

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

// An HTTP header name (RFC 9110 token); adapter-node compares them in lower case.
const headerName = z
	.string()
	.regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name, like x-forwarded-proto')
	.transform((v) => v.toLowerCase());

const redisPrefix = z.string().regex(/^[\w-]+$/, 'letters, digits, - and _ only');

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
	// The public URL, when a proxy stands in front (adapter-node's ORIGIN); without it, the origin
	// is the scheme and host each request came in on (src/lib/server/http/origin.ts).
	ORIGIN: z
		.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
		.transform((v) => new URL(v).origin)
		.optional(),
	// adapter-node's proxy headers: which request headers a trusted proxy sets to the scheme, host,
	// port and client address the user sees. Set them only behind a proxy that overwrites them.
	PROTOCOL_HEADER: headerName.optional(),
	HOST_HEADER: headerName.optional(),
	PORT_HEADER: headerName.optional(),
	ADDRESS_HEADER: headerName.optional(),
	// With ADDRESS_HEADER=x-forwarded-for: how many proxies from the right to trust.
	XFF_DEPTH: z.coerce.number().int().min(1).max(10).default(1),
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
	// The sender's address; its display name is the organisation name (system setting).
	MAIL_FROM: z.email('must be an email address, like no-reply@example.org').optional(),
	// The install's name in Redis: every key and pub/sub channel the app uses starts with it, so two
	// installs on one Redis (staging beside production) never hear each other. Pub/sub ignores the
	// database number in REDIS_URL, so a separate db alone does not keep them apart.
	REDIS_PREFIX: redisPrefix.default(isTest ? 'ndis-test' : 'ndis'),
	// The job queues' prefix; REDIS_PREFIX unless set (it came first, and installs may rely on it).
	BULLMQ_PREFIX: redisPrefix.optional(),
	// How long a worker's claim on a job lasts unrenewed: after a crash, the wait before a retry.
	BULLMQ_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
	// A bearer token Prometheus sends to read /metrics; without it, only loopback addresses may.
	METRICS_TOKEN: z
		.string()
		.regex(/^[\x21-\x7e]{24,512}$/, 'must be 24 to 512 printable characters, without spaces')
		.optional(),
	DOCUMENTS_DIR: z.string().default('.data/documents'),
	LOG_LEVEL: z
		.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
		.default(isTest ? 'warn' : 'info')
});

// `ORIGIN=` in a .env file or a compose file means "not set", not "an invalid URL".
const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
const parsed = schema.safeParse({ ...given, NODE_ENV: nodeEnv });
if (!parsed.success) {
	const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
	throw new Error(`Invalid environment:\n${lines.join('\n')}`);
}
const v = parsed.data;
const parsedBodySizeLimit = v.BODY_SIZE_LIMIT;

/** BODY_SIZE_LIMIT in bytes, as adapter-node reads it (K, M and G are powers of 1024). */
function bytesOf(size: string): number {
	const unit = size.slice(-1).toUpperCase();
	const power = { K: 1, M: 2, G: 3 }[unit] ?? 0;
	return Number.parseInt(size, 10) * 1024 ** power;
}

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
	proxy: {
		protocolHeader: v.PROTOCOL_HEADER,
		hostHeader: v.HOST_HEADER,
		portHeader: v.PORT_HEADER,
		addressHeader: v.ADDRESS_HEADER,
		xffDepth: v.XFF_DEPTH
	},
	encryptionKey: v.ENCRYPTION_KEY,
	previousEncryptionKeys: (v.ENCRYPTION_KEYS_PREVIOUS ?? '')
		.split(',')
		.map((k) => k.trim())
		.filter(Boolean),
	smtpUrl: v.SMTP_URL,
	// Behind a public ORIGIN, its host; on a laptop, localhost (the outbox keeps the mail anyway).
	mailFrom: v.MAIL_FROM ?? `no-reply@${v.ORIGIN ? new URL(v.ORIGIN).hostname : 'localhost'}`,
	redisPrefix: v.REDIS_PREFIX,
	queuePrefix: v.BULLMQ_PREFIX ?? v.REDIS_PREFIX,
	workerLockMs: v.BULLMQ_LOCK_MS,
	bodySizeLimitBytes: bytesOf(parsedBodySizeLimit),
	metricsToken: v.METRICS_TOKEN,
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
	// The origin rule (http/origin.ts): without ORIGIN or PROTOCOL_HEADER, the scheme the request
	// really came in on, rather than adapter-node's assumed https.
	const originEnv = adapterOriginEnvironment({ origin: config.origin, ...config.proxy });
	for (const name of ['ORIGIN', 'PROTOCOL_HEADER', 'HOST_HEADER', 'PORT_HEADER'] as const) {
		if (originEnv[name]) process.env[name] = originEnv[name];
		else delete process.env[name];
	}
	if (config.proxy.addressHeader) process.env.ADDRESS_HEADER = config.proxy.addressHeader;
	else delete process.env.ADDRESS_HEADER;
	process.env.XFF_DEPTH = String(config.proxy.xffDepth);
}
