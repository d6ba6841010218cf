/**
 * Display tokens: named, revocable, read-only credentials for wall screens. The token is shown
 * once, when it is made; only its SHA-256 is stored (as for sign-in sessions). A token opens the
 * /wall pages and a socket in the `display` room, which only ever receives aggregates; it is no
 * person and can do nothing else. Revoking it refuses its pages at once and drops its open
 * sockets on every web process. Creating and revoking are audited.
 */
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import { consume, exhausted, type Limit } from '../auth/rate-limit';
import { generateSessionToken, sessionIdFromToken } from '../auth/session';
import { db, tx } from '../db';
import { currentActor, runAs, SYSTEM } from '../db/context';
import { AuditLog } from '../db/models';
import { disconnectDisplay } from '../realtime/publish';

export const TOKEN_PREFIX = 'wd_';
const TOKEN_SHAPE = /^wd_[a-z2-7]{32}$/;
/** How stale "last used" may get: a screen reloading all day should not write all day. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

export const newDisplayTokenSchema = z.strictObject({
	name: z
		.string({ error: 'is required' })
		.trim()
		.min(1, 'is required')
		.max(100, 'must be at most 100 characters')
});

export type DisplayTokenView = {
	id: string;
	name: string;
	createdAt: string;
	createdBy: string | null;
	lastUsedAt: string | null;
	revokedAt: string | null;
	revokedBy: string | null;
};

export type DisplayIdentity = { id: string; name: string };

const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);

async function audit(action: string, id: string, values: Record<string, unknown>) {
	const actor = currentActor();
	await AuditLog.create(
		{
			userId: actor.userId,
			action,
			tableName: 'display_tokens',
			recordId: id,
			oldValues: null,
			newValues: values,
			ipAddress: actor.ip?.slice(0, 45) ?? null,
			userAgent: actor.userAgent ?? null
		},
		{ returning: false }
	);
}

/** Makes a token; the only time its secret is ever returned. */
export async function create(name: string) {
	const token = `${TOKEN_PREFIX}${generateSessionToken()}`;
	const actor = currentActor();
	return tx(async (t) => {
		const [row] = await db().query<{ id: string; created_at: Date }>(
			`INSERT INTO display_tokens (name, token_hash, created_by) VALUES ($1, $2, $3)
			RETURNING id::text, created_at`,
			{
				bind: [name, sessionIdFromToken(token), actor.userId],
				type: QueryTypes.SELECT,
				transaction: t
			}
		);
		await audit('display_token.created', row!.id, { name });
		return { id: row!.id, name, token, createdAt: iso(row!.created_at)! };
	});
}

export async function list(): Promise<DisplayTokenView[]> {
	const rows = await tx((t) =>
		db().query<Record<string, string | Date | null>>(
			`SELECT d.id::text, d.name, d.created_at, d.last_used_at, d.revoked_at,
				c.name AS created_by, r.name AS revoked_by
			FROM display_tokens d LEFT JOIN users c ON c.id = d.created_by LEFT JOIN users r ON r.id = d.revoked_by
			ORDER BY d.revoked_at IS NOT NULL, d.created_at DESC`,
			{ type: QueryTypes.SELECT, transaction: t }
		)
	);
	return rows.map((r) => ({
		id: String(r.id),
		name: String(r.name),
		createdAt: iso(r.created_at as Date)!,
		createdBy: (r.created_by as string | null) ?? null,
		lastUsedAt: iso(r.last_used_at as Date | null),
		revokedAt: iso(r.revoked_at as Date | null),
		revokedBy: (r.revoked_by as string | null) ?? null
	}));
}

/** Revokes a token and drops its sockets; false when there is no such token. Idempotent. */
export async function revoke(id: string): Promise<boolean> {
	const actor = currentActor();
	const found = await tx(async (t) => {
		const rows = await db().query<{ id: string; name: string; newly: boolean }>(
			`WITH target AS (SELECT id, name, revoked_at IS NULL AS newly FROM display_tokens WHERE id = $1::uuid FOR UPDATE),
			done AS (UPDATE display_tokens d SET revoked_at = now(), revoked_by = $2
				FROM target WHERE d.id = target.id AND target.newly RETURNING d.id)
			SELECT id::text, name, newly FROM target`,
			{ bind: [id, actor.userId], type: QueryTypes.SELECT, transaction: t }
		);
		const row = rows[0];
		if (row?.newly) await audit('display_token.revoked', row.id, { name: row.name });
		return row !== undefined;
	});
	// Also when it was revoked before: a socket that slipped through is dropped now.
	if (found) disconnectDisplay(id);
	return found;
}

/** The display a token opens, or null (unknown, malformed or revoked: indistinguishable). */
export async function validate(token: string | null | undefined): Promise<DisplayIdentity | null> {
	if (!token || !TOKEN_SHAPE.test(token)) return null;
	return runAs(SYSTEM, () =>
		tx(async (t) => {
			const [row] = await db().query<{ id: string; name: string; last_used_at: Date | null }>(
				`SELECT id::text, name, last_used_at FROM display_tokens
				WHERE token_hash = $1 AND revoked_at IS NULL`,
				{ bind: [sessionIdFromToken(token)], type: QueryTypes.SELECT, transaction: t }
			);
			if (!row) return null;
			if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
				await db().query(`UPDATE display_tokens SET last_used_at = now() WHERE id = $1`, {
					bind: [row.id],
					transaction: t
				});
			}
			return { id: row.id, name: row.name };
		})
	);
}

/** Wrong tokens one client address may try (pages and sockets together) before it must wait. */
export const DISPLAY_TOKEN_LIMIT = { max: 20, windowSeconds: 15 * 60 } as const;

export const displayTokenLimit = (address: string): Limit => ({
	key: `display-token:${address}`,
	...DISPLAY_TOKEN_LIMIT
});

export type DisplayCheck =
	{ ok: true; display: DisplayIdentity } | { ok: false; reason: 'invalid' | 'rate_limited' };

/**
 * A wall page's or socket's token check, limited per client address: each wrong token counts, and
 * once an address has used up its allowance every token from it is refused (before it is looked
 * up, so guessing stops being possible, not just unrewarded) until the window ends. A working
 * screen never sends a wrong token, so it never counts.
 */
export async function check(
	token: string | null | undefined,
	address: string | null
): Promise<DisplayCheck> {
	const limit = address ? displayTokenLimit(address) : null;
	if (limit && (await exhausted(limit))) return { ok: false, reason: 'rate_limited' };
	const display = await validate(token);
	if (display) return { ok: true, display };
	if (limit && !(await consume(limit))) return { ok: false, reason: 'rate_limited' };
	return { ok: false, reason: 'invalid' };
}

/** Which of these tokens are still valid (the socket sweep asks, for ones revoked elsewhere). */
export async function liveTokenIds(ids: string[]): Promise<Set<string>> {
	if (ids.length === 0) return new Set();
	const rows = await runAs(SYSTEM, () =>
		tx((t) =>
			db().query<{ id: string }>(
				`SELECT id::text FROM display_tokens WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL`,
				{ bind: [ids], type: QueryTypes.SELECT, transaction: t }
			)
		)
	);
	return new Set(rows.map((r) => r.id));
}
