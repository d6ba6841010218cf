/**
 * The wall displays' figures: organisation-wide aggregates, computed as the 'system' actor (a
 * display is nobody) and sent only to the `display` room. They name no one.
 */
import { runAs, SYSTEM } from '../db/context';
import { DOCUMENT_STATUS_COUNTS } from '../documents/expiry';
import { tx } from '../db';
import { logger } from '../logger';
import { providerSettings } from '../provider-settings';
import { DISPLAY_ROOM, publish } from '../realtime/publish';
import { txSql, WITHOUT_JIT, type Sql } from '../sql';
import { addDays, localDate, startOfLocalDay } from '../time';
import type { BudgetWall, RosterWall } from '../../shared/wall';

const oneDecimal = (v: unknown) => Math.round(Number(v ?? 0) * 10) / 10;

export async function budgetWall(
	sql: Sql,
	timeZone: string,
	now = new Date()
): Promise<BudgetWall> {
	await sql(WITHOUT_JIT);
	const today = localDate(now, timeZone);
	const dayStart = startOfLocalDay(today, timeZone);
	const [people] = await sql<Record<string, string | number>>(
		`SELECT count(*)::int AS active,
			coalesce(sum(p.total_budget), 0)::numeric(14, 2)::text AS total,
			coalesce(sum(p.used_budget), 0)::numeric(14, 2)::text AS used,
			coalesce(sum(p.total_budget * s.plan_elapsed_percent)
				/ nullif(sum(p.total_budget) FILTER (WHERE s.plan_elapsed_percent IS NOT NULL), 0), 0) AS elapsed,
			count(*) FILTER (WHERE s.risk = 'overspending')::int AS overspending,
			count(*) FILTER (WHERE s.risk = 'underspending')::int AS underspending,
			count(*) FILTER (WHERE s.risk = 'exhausted')::int AS exhausted,
			count(*) FILTER (WHERE s.risk = 'on_track')::int AS on_track
		FROM participants p LEFT JOIN participant_budget_stats s ON s.participant_id = p.id
		WHERE p.status = 'active'`
	);
	const [work] = await sql<Record<string, string | number>>(
		`SELECT
			(SELECT coalesce(sum(amount), 0)::numeric(14, 2)::text FROM participant_monthly_spend
				WHERE month = date_trunc('month', $1::date)::date) AS month_spend,
			(SELECT count(*)::int FROM session_logs WHERE status = 'pending') AS pending,
			(SELECT count(*)::int FROM session_logs WHERE approved_at >= $2 AND status = 'approved') AS approved,
			(SELECT coalesce(sum(duration_hours), 0)::numeric(10, 2)::text FROM session_logs
				WHERE approved_at >= $2 AND status = 'approved') AS approved_hours,
			(SELECT count(*)::int FROM invoices
				WHERE status = 'overdue' OR (status = 'sent' AND due_date < $1::date)) AS overdue,
			(SELECT coalesce(sum(total_amount), 0)::numeric(14, 2)::text FROM invoices
				WHERE status = 'overdue' OR (status = 'sent' AND due_date < $1::date)) AS overdue_amount`,
		[today, dayStart]
	);
	const [documents] = await sql<{ expiringSoon: number; expired: number }>(
		`SELECT ${DOCUMENT_STATUS_COUNTS} FROM documents d`
	);
	const total = Number(people?.total ?? 0);
	return {
		today,
		computedAt: now.toISOString(),
		activeParticipants: Number(people?.active ?? 0),
		totalBudget: String(people?.total ?? '0.00'),
		usedBudget: String(people?.used ?? '0.00'),
		usedPercent: total > 0 ? oneDecimal((Number(people?.used) / total) * 100) : 0,
		elapsedPercent: oneDecimal(people?.elapsed),
		risk: {
			overspending: Number(people?.overspending ?? 0),
			underspending: Number(people?.underspending ?? 0),
			exhausted: Number(people?.exhausted ?? 0),
			onTrack: Number(people?.on_track ?? 0)
		},
		spendThisMonth: String(work?.month_spend ?? '0.00'),
		pendingApprovals: Number(work?.pending ?? 0),
		approvedToday: {
			sessions: Number(work?.approved ?? 0),
			hours: String(work?.approved_hours ?? '0.00')
		},
		overdueInvoices: {
			count: Number(work?.overdue ?? 0),
			amount: String(work?.overdue_amount ?? '0.00')
		},
		documents: {
			expiringSoon: Number(documents?.expiringSoon ?? 0),
			expired: Number(documents?.expired ?? 0)
		}
	};
}

/**
 * Today's roster from calendar_events (read only; the rostering board owns them). Reminders are
 * not shifts; cancelled shifts are counted apart and in nothing else.
 */
export async function rosterWall(
	sql: Sql,
	timeZone: string,
	now = new Date()
): Promise<RosterWall> {
	await sql(WITHOUT_JIT);
	const today = localDate(now, timeZone);
	const dayStart = startOfLocalDay(today, timeZone);
	const dayEnd = startOfLocalDay(addDays(today, 1), timeZone);
	const bind = [dayStart, dayEnd, now];
	const today_ = `SELECT * FROM calendar_events
		WHERE start_datetime < $2 AND end_datetime > $1 AND event_type IS DISTINCT FROM 'reminder'`;
	const [row] = await sql<Record<string, string | number>>(
		`WITH e AS (${today_}), live AS (SELECT * FROM e WHERE status <> 'cancelled')
		SELECT (SELECT count(*)::int FROM live) AS shifts,
			(SELECT count(*)::int FROM e WHERE status = 'scheduled') AS scheduled,
			(SELECT count(*)::int FROM e WHERE status = 'confirmed') AS confirmed,
			(SELECT count(*)::int FROM e WHERE status = 'completed') AS completed,
			(SELECT count(*)::int FROM e WHERE status = 'cancelled') AS cancelled,
			(SELECT count(*)::int FROM live WHERE start_datetime <= $3 AND end_datetime > $3) AS on_now,
			(SELECT count(*)::int FROM live
				WHERE start_datetime > $3 AND start_datetime <= $3::timestamptz + interval '1 hour') AS starting,
			(SELECT count(*)::int FROM live WHERE staff_id IS NULL) AS unassigned,
			(SELECT count(DISTINCT staff_id)::int FROM live) AS staff,
			(SELECT count(DISTINCT participant_id)::int FROM live) AS participants,
			(SELECT coalesce(sum(extract(epoch FROM least(end_datetime, $2) - greatest(start_datetime, $1)) / 3600), 0)
				::numeric(10, 2)::text FROM live) AS hours`,
		bind
	);
	// Local hours, so a daylight-saving day still shows its wall-clock hours.
	const hours = await sql<{ h: number; n: number }>(
		`WITH e AS (${today_} AND status <> 'cancelled'),
		slots AS (
			SELECT h, ($3::date + h * interval '1 hour') AT TIME ZONE $4 AS s,
				($3::date + (h + 1) * interval '1 hour') AT TIME ZONE $4 AS f
			FROM generate_series(0, 23) h)
		SELECT h, (SELECT count(*)::int FROM e WHERE e.start_datetime < f AND e.end_datetime > s) AS n
		FROM slots ORDER BY h`,
		[dayStart, dayEnd, today, timeZone]
	);
	const n = (key: string) => Number(row?.[key] ?? 0);
	return {
		today,
		computedAt: now.toISOString(),
		shifts: n('shifts'),
		byStatus: {
			scheduled: n('scheduled'),
			confirmed: n('confirmed'),
			completed: n('completed'),
			cancelled: n('cancelled')
		},
		onNow: n('on_now'),
		startingWithinHour: n('starting'),
		unassigned: n('unassigned'),
		staffRostered: n('staff'),
		participantsSupported: n('participants'),
		rosteredHours: String(row?.hours ?? '0.00'),
		byHour: hours.map((r) => Number(r.n))
	};
}

/** Both walls' figures now, as the system. */
export async function wallFigures(now = new Date()) {
	const { timeZone } = await providerSettings();
	return runAs(SYSTEM, () =>
		tx(async (t) => ({
			budget: await budgetWall(txSql(t), timeZone, now),
			roster: await rosterWall(txSql(t), timeZone, now)
		}))
	);
}

/** Sends the current figures to every wall display; a failure is logged, never thrown. */
export async function publishWalls(which: 'budget' | 'both' = 'both'): Promise<void> {
	try {
		const { timeZone } = await providerSettings();
		await runAs(SYSTEM, () =>
			tx(async (t) => {
				publish([DISPLAY_ROOM], 'wall:budget', await budgetWall(txSql(t), timeZone));
				if (which === 'both') {
					publish([DISPLAY_ROOM], 'wall:roster', await rosterWall(txSql(t), timeZone));
				}
			})
		);
	} catch (err) {
		logger.error({ err }, 'publishing wall display figures failed');
	}
}
