/**
 * Private calendar feeds: a secret URL per user that a phone's calendar subscribes to. The token
 * is shown once, when it is made; only its SHA-256 is kept (calendar_feed_tokens). Making a new
 * one replaces the old, revoking deletes it, and a deactivated account's feed stops answering.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { QueryTypes } from 'sequelize';
import { db, tx } from '../db';
import { runAs, SYSTEM } from '../db/context';
import { renderFeed } from '../calendar/ical';
import type { UserRole } from '../../shared/enums';
import { toDto } from './calendar-events';

/** The feed covers a month back and six months ahead, enough for any phone's calendar view. */
const DAYS_BACK = 31;
const DAYS_AHEAD = 183;
const MAX_EVENTS = 2000;
/** Phones poll every hour or so; last_used_at need not be written more often than this. */
const TOUCH_MS = 10 * 60_000;

export const FEED_TOKEN = /^[a-z2-7]{52}$/;

const hashOf = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export type FeedStatus = { active: boolean; createdAt: string | null; lastUsedAt: string | null };

export async function status(userId: string): Promise<FeedStatus> {
	const [row] = await tx(() =>
		db().query<{ created_at: Date; last_used_at: Date | null }>(
			`SELECT created_at, last_used_at FROM calendar_feed_tokens WHERE user_id = $1`,
			{ bind: [userId], type: QueryTypes.SELECT }
		)
	);
	return {
		active: !!row,
		createdAt: row ? row.created_at.toISOString() : null,
		lastUsedAt: row?.last_used_at ? row.last_used_at.toISOString() : null
	};
}

/** Makes a new secret link for the user (the old one stops working) and answers its token. */
export async function create(userId: string): Promise<{ token: string; createdAt: string }> {
	const bytes = new Uint8Array(32);
	crypto.getRandomValues(bytes);
	const token = encodeBase32LowerCaseNoPadding(bytes);
	const createdAt = await tx(async (t) => {
		// One person's links are made one at a time: two at once (a double tap, two tabs) would
		// each delete nothing and then both insert, and the second would break the one-per-person
		// rule. Waiting on this lock, each replaces the one before it, and the last one made works.
		await db().query(`SELECT pg_advisory_xact_lock(hashtext('calendar_feed:' || $1))`, {
			bind: [userId],
			transaction: t
		});
		await db().query(`DELETE FROM calendar_feed_tokens WHERE user_id = $1`, {
			bind: [userId],
			transaction: t
		});
		const [row] = await db().query<{ created_at: Date }>(
			`INSERT INTO calendar_feed_tokens (user_id, token_hash) VALUES ($1, $2) RETURNING created_at`,
			{ bind: [userId, hashOf(token)], type: QueryTypes.SELECT, transaction: t }
		);
		return row!.created_at.toISOString();
	});
	return { token, createdAt };
}

/** Revokes the user's link; answers whether there was one. */
export async function revoke(userId: string): Promise<boolean> {
	const rows = await tx((t) =>
		db().query<{ id: string }>(`DELETE FROM calendar_feed_tokens WHERE user_id = $1 RETURNING id`, {
			bind: [userId],
			type: QueryTypes.SELECT,
			transaction: t
		})
	);
	return rows.length > 0;
}

type Owner = { user_id: string; name: string; role: UserRole; last_used_at: Date | null };

/**
 * The iCalendar text of the feed a token opens, or null for an unknown or revoked token or an
 * inactive account. The events are read as their owner, so row-level security limits them to
 * that person's own roster.
 */
export async function render(token: string, boardUrl?: string): Promise<string | null> {
	if (!FEED_TOKEN.test(token)) return null;
	const [owner] = await runAs(SYSTEM, () =>
		tx(() =>
			db().query<Owner>(
				`SELECT f.user_id, u.name, u.role, f.last_used_at FROM calendar_feed_tokens f
				JOIN users u ON u.id = f.user_id WHERE f.token_hash = $1 AND u.is_active`,
				{ bind: [hashOf(token)], type: QueryTypes.SELECT }
			)
		)
	);
	if (!owner) return null;
	if (!owner.last_used_at || Date.now() - owner.last_used_at.getTime() > TOUCH_MS) {
		await runAs(SYSTEM, () =>
			tx(() =>
				db().query(`UPDATE calendar_feed_tokens SET last_used_at = now() WHERE user_id = $1`, {
					bind: [owner.user_id]
				})
			)
		);
	}
	const rows = await runAs({ userId: owner.user_id, role: owner.role }, () =>
		tx(() =>
			db().query<Parameters<typeof toDto>[0]>(
				`SELECT e.*, NULL AS participant_name, NULL AS staff_name FROM calendar_events e
				WHERE e.staff_id = $1 AND tstzrange(e.start_datetime, e.end_datetime)
					&& tstzrange(now() - make_interval(days => $2), now() + make_interval(days => $3))
				ORDER BY e.start_datetime LIMIT ${MAX_EVENTS}`,
				{ bind: [owner.user_id, DAYS_BACK, DAYS_AHEAD], type: QueryTypes.SELECT }
			)
		)
	);
	return renderFeed({
		name: `Roster: ${owner.name}`,
		boardUrl,
		events: rows.map(toDto)
	});
}
