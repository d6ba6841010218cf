/**
 * The arithmetic behind the scale data set. Staff and sessions are placed by formula rather than
 * at random, so that PostgreSQL can generate millions of rows in a few set-based statements and
 * still guarantee what the demo guarantees: 1–3 staff per participant, and no worker in two
 * sessions at once.
 *
 * Participant q (0-based) is assigned the delivering staff (q + j·offset) mod D for j = 0, 1, 2
 * (distinct, as offset = ⌊D/3⌋). Its session k goes to assignment j = k mod 3 and takes place g =
 * k·M + ⌊q / D⌋ in that staff member's timeline, where M = ⌈N / D⌉. Two sessions of one staff
 * member with the same g would need the same k and the same ⌊q / D⌋, and (same staff, same j)
 * the same q mod D: the same session. Each g owns one slot of one day, so no worker is ever
 * booked twice.
 */
export const DAYS = 730;
export const SLOTS_PER_DAY = 4;
export const SESSIONS_PER_PARTICIPANT = 100;
export const AUDIT_PER_PARTICIPANT = 200;
export const INVOICES_PER_PARTICIPANT = 10;
export const DOCUMENTS_PER_PARTICIPANT = 2;
export const GOALS_PER_PARTICIPANT = 3;
export const MAX_PARTICIPANTS = 1_000_000;
/** Scale participants' NDIS numbers: 438000001 … 439000000, above every demo number. */
export const NDIS_BASE = 438_000_000;
export const EMAIL_DOMAIN = 'scale.test';

export interface ScalePlan {
	participants: number;
	staff: number;
	/** Staff who deliver sessions (all but the administrators). */
	delivering: number;
	offset: number;
	/** M = ⌈N / D⌉: how many participants share one staff member for one assignment slot j. */
	perSlot: number;
	/** Days, out of DAYS, that one staff member's sessions are spread over. */
	dayBuckets: number;
}

/** Staff number s (1-based) is an administrator for s = 1, 101, 201, … */
export function isAdmin(s: number): boolean {
	return s % 100 === 1;
}

export function planScale(participants: number): ScalePlan {
	if (!Number.isInteger(participants) || participants < 1 || participants > MAX_PARTICIPANTS) {
		throw new RangeError(`Scale must be an integer from 1 to ${MAX_PARTICIPANTS}`);
	}
	const staff = Math.max(4, Math.ceil(participants / 20));
	const admins = Math.floor((staff - 1) / 100) + 1;
	const delivering = staff - admins;
	const perSlot = Math.ceil(participants / delivering);
	const dayBuckets = Math.ceil((SESSIONS_PER_PARTICIPANT * perSlot) / SLOTS_PER_DAY);
	// Holds for every N in range (M ≤ 27); checked so a change to the ratios fails loudly.
	if (dayBuckets > DAYS)
		throw new Error(`Scale ${participants}: sessions do not fit in ${DAYS} days`);
	return {
		participants,
		staff,
		delivering,
		offset: Math.max(1, Math.floor(delivering / 3)),
		perSlot,
		dayBuckets
	};
}
