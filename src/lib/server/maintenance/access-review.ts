/**
 * The quarterly access review the spec's security reviews ask for: every account with its role,
 * state, last sign-in and open sessions, flagging the ones to act on (never signed in, no sign-in
 * for `security.inactive_account_days`, locked, deactivated). It is stored as a CSV and every active
 * super_admin is notified with a link to it, in one transaction keyed by the job's id: a retried
 * job finds its review already made and notifies nobody twice.
 */
import { QueryTypes } from 'sequelize';
import { db, tx } from '../db';
import { providerSettings } from '../provider-settings';
import { providerToday } from '../provider';
import { notifyEach } from '../services/notifications';
import { ROLE_LABELS } from '../../shared/roles';
import type { UserRole } from '../../shared/enums';

export type AccessRow = {
	email: string;
	name: string;
	role: UserRole;
	is_active: boolean;
	created_at: Date;
	last_login: Date | null;
	locked_until: Date | null;
	open_sessions: number;
	days_since: number | null;
};

export type AccessSummary = {
	period: string;
	asOf: string;
	accounts: number;
	active: number;
	byRole: Record<string, number>;
	neverSignedIn: number;
	inactive: number;
	locked: number;
	deactivated: number;
	inactiveAfterDays: number;
};

export function quarterOf(date: string): string {
	return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** A cell as spreadsheets should read it: quoted, and never taken for a formula. */
export function csvCell(value: unknown): string {
	let text = value === null || value === undefined ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function flagOf(row: AccessRow, inactiveAfterDays: number): string {
	if (!row.is_active) return 'deactivated';
	if (row.locked_until && row.locked_until.getTime() > Date.now()) return 'locked';
	if (!row.last_login) return 'never signed in';
	if ((row.days_since ?? 0) >= inactiveAfterDays) return `no sign-in for ${row.days_since} days`;
	return '';
}

export function accessCsv(rows: AccessRow[], inactiveAfterDays: number): string {
	const header = [
		'email',
		'name',
		'role',
		'active',
		'created',
		'last sign-in',
		'days since sign-in',
		'open sessions',
		'flag'
	];
	const lines = rows.map((r) =>
		[
			r.email,
			r.name,
			ROLE_LABELS[r.role] ?? r.role,
			r.is_active ? 'yes' : 'no',
			r.created_at.toISOString(),
			r.last_login?.toISOString() ?? '',
			r.days_since ?? '',
			r.open_sessions,
			flagOf(r, inactiveAfterDays)
		]
			.map(csvCell)
			.join(',')
	);
	return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

export function summarise(
	rows: AccessRow[],
	inactiveAfterDays: number,
	asOf: string
): AccessSummary {
	const flags = rows.map((r) => flagOf(r, inactiveAfterDays));
	const byRole: Record<string, number> = {};
	for (const r of rows) if (r.is_active) byRole[r.role] = (byRole[r.role] ?? 0) + 1;
	return {
		period: quarterOf(asOf),
		asOf,
		accounts: rows.length,
		active: rows.filter((r) => r.is_active).length,
		byRole,
		neverSignedIn: flags.filter((f) => f === 'never signed in').length,
		inactive: flags.filter((f) => f.startsWith('no sign-in')).length,
		locked: flags.filter((f) => f === 'locked').length,
		deactivated: flags.filter((f) => f === 'deactivated').length,
		inactiveAfterDays
	};
}

export type AccessReviewResult = { id: string; created: boolean; summary: AccessSummary };

/** Call as the 'system' actor (the worker does). `jobId` keys the review (one per job). */
export async function runAccessReview(options: {
	jobId: string;
	asOf?: Date;
}): Promise<AccessReviewResult> {
	const settings = await providerSettings();
	const now = options.asOf ?? new Date();
	const today = providerToday(settings, now);
	return tx(async (t) => {
		const q = <T extends object>(sql: string, bind: unknown[] = []) =>
			db().query<T>(sql, { bind, type: QueryTypes.SELECT, transaction: t });
		const existing = await q<{ id: string; summary: AccessSummary }>(
			`SELECT id::text, summary FROM access_reviews WHERE job_id = $1`,
			[options.jobId]
		);
		if (existing[0]) return { id: existing[0].id, created: false, summary: existing[0].summary };
		const rows = await q<AccessRow>(
			`SELECT u.email, u.name, u.role, u.is_active, u.created_at, u.last_login, u.locked_until,
				(SELECT count(*)::int FROM auth_sessions s WHERE s.user_id = u.id AND s.expires_at > $1) AS open_sessions,
				CASE WHEN u.last_login IS NULL THEN NULL
					ELSE floor(extract(epoch FROM $1::timestamptz - u.last_login) / 86400)::int END AS days_since
			FROM users u ORDER BY u.is_active DESC, u.role, u.email`,
			[now]
		);
		const summary = summarise(rows, settings.inactiveAccountDays, today);
		const [review] = await q<{ id: string }>(
			`INSERT INTO access_reviews (period, job_id, summary, csv) VALUES ($1, $2, $3, $4)
			ON CONFLICT (job_id) DO NOTHING RETURNING id::text`,
			[
				summary.period,
				options.jobId,
				JSON.stringify(summary),
				accessCsv(rows, settings.inactiveAccountDays)
			]
		);
		if (!review) throw new Error('another run of this access review job is saving it');
		const admins = await q<{ id: string }>(
			`SELECT id::text FROM users WHERE role = 'super_admin' AND is_active ORDER BY id`
		);
		const attention = summary.neverSignedIn + summary.inactive + summary.locked;
		await notifyEach(
			admins.map((admin) => ({
				userId: admin.id,
				note: {
					kind: 'access_review',
					type: attention > 0 ? 'warning' : 'info',
					title: `Access review ${summary.period} is ready`,
					message:
						`${summary.active} active accounts (${Object.entries(summary.byRole)
							.map(([role, n]) => `${n} ${ROLE_LABELS[role as UserRole] ?? role}`)
							.join(', ')}). ` +
						`${summary.inactive} without a sign-in for ${summary.inactiveAfterDays}+ days, ` +
						`${summary.neverSignedIn} never signed in, ${summary.locked} locked, ` +
						`${summary.deactivated} deactivated. Review the CSV and deactivate what is no longer needed.`,
					relatedTable: 'access_reviews',
					relatedId: review.id,
					link: `/admin/access-reviews/${review.id}`
				}
			}))
		);
		return { id: review.id, created: true, summary };
	});
}

export async function getAccessReview(id: string) {
	const [row] = await tx((t) =>
		db().query<{ id: string; period: string; csv: string; created_at: Date }>(
			`SELECT id::text, period, csv, created_at FROM access_reviews WHERE id = $1::uuid`,
			{ bind: [id], type: QueryTypes.SELECT, transaction: t }
		)
	);
	return row ?? null;
}

export async function listAccessReviews(limit = 8) {
	return tx((t) =>
		db().query<{ id: string; period: string; summary: AccessSummary; created_at: Date }>(
			`SELECT id::text, period, summary, created_at FROM access_reviews ORDER BY created_at DESC LIMIT $1`,
			{ bind: [limit], type: QueryTypes.SELECT, transaction: t }
		)
	);
}
