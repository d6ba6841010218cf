/**
 * Documents' expiry status follows the provider's calendar: current → expiring soon (within the
 * `documents.expiry_warning_days` setting, default 30) → expired (after its expiry date). The
 * sweep runs daily for every document, and for one document whenever its expiry date is set.
 *
 * One transaction moves the statuses that are out of date, records each transition in the notice
 * ledger and writes the notifications; a notice is sent only by the statement that inserts its
 * ledger row, so a retried, repeated or concurrent sweep never announces a transition twice. The
 * uploader and the participant's coordinators (all coordinators when none is assigned) hear of it;
 * someone with more than DIGEST_AFTER notices in one sweep gets one summary instead of a flood.
 *
 * Documents whose status a person set directly (uploading a document already past its expiry)
 * are announced by the targeted run that follows; the daily sweep announces only the transitions
 * it makes, so a first run over an old archive does not notify about every old expiry.
 */
import { QueryTypes } from 'sequelize';
import { db, tx } from '../db';
import { providerSettings } from '../provider-settings';
import { providerToday } from '../provider';
import { audience, audienceByParticipant, publish, userRoom } from '../realtime/publish';
import { notifyEach, type NewNotification } from '../services/notifications';
import { publishWalls } from '../wall/figures';
import type { DocumentStatus } from '../../shared/enums';
import { formatDate } from '../../shared/format';
import type { DocumentEvent } from '../../shared/realtime';

export const DIGEST_AFTER = 10;

export type ExpiryOptions = { documentId?: string; asOf?: Date };
export type ExpiryResult = { today: string; moved: number; notices: number; notifications: number };

type Moved = {
	id: string;
	status: DocumentStatus;
	expiry_date: string | null;
	participant_id: string | null;
	uploaded_by: string;
};

type Notice = {
	user_id: string;
	document_id: string;
	name: string;
	status: 'expiring_soon' | 'expired';
	expiry_date: string;
	participant_id: string | null;
	participant_name: string | null;
	uploaded_by: string;
	days: number;
};

/** $1 today, $2 warning days: the status a document's expiry date gives it. */
export const STATUS_SQL = `CASE WHEN expiry_date IS NULL THEN 'current'
	WHEN expiry_date < $1::date THEN 'expired'
	WHEN expiry_date <= $1::date + $2::int THEN 'expiring_soon'
	ELSE 'current' END::document_status`;

/**
 * The one count of documents needing attention, by the status this sweep keeps (alias `d`): the
 * dashboard, /budgets and the wall displays all count with it, and /documents?status= lists the
 * same rows, so every page shows the same figures.
 */
export const DOCUMENT_STATUS_COUNTS = `count(*) FILTER (WHERE d.status = 'expiring_soon')::int AS "expiringSoon",
	count(*) FILTER (WHERE d.status = 'expired')::int AS expired`;

// Dates as Australians write them ("21 Nov 2026"): the notification and its email are read as is.
function noteFor(n: Notice): NewNotification {
	const whose = n.participant_name ? ` for ${n.participant_name}` : '';
	const link = n.participant_id
		? `/documents?participantId=${n.participant_id}&status=${n.status}`
		: `/documents?status=${n.status}`;
	const base = {
		kind: 'document_expiring',
		relatedTable: 'documents',
		relatedId: n.document_id,
		link
	} as const;
	if (n.status === 'expired') {
		return {
			...base,
			type: 'error',
			title: `Document expired: ${n.name}`,
			message: `${n.name}${whose} expired on ${formatDate(n.expiry_date)}. Upload a current one.`
		};
	}
	return {
		...base,
		type: 'warning',
		title: `Document expiring soon: ${n.name}`,
		message: `${n.name}${whose} expires on ${formatDate(n.expiry_date)}, in ${n.days} day${n.days === 1 ? '' : 's'}.`
	};
}

function digestFor(notices: Notice[]): NewNotification {
	const expired = notices.filter((n) => n.status === 'expired').length;
	const soon = notices.length - expired;
	const parts = [soon && `${soon} expiring soon`, expired && `${expired} expired`].filter(Boolean);
	const examples = notices
		.slice(0, 3)
		.map((n) => n.name)
		.join(', ');
	return {
		kind: 'document_expiring',
		type: expired > 0 ? 'error' : 'warning',
		title: `${notices.length} documents need attention`,
		message: `${parts.join(' and ')} today, including ${examples}.`,
		relatedTable: null,
		relatedId: null,
		link: `/documents?status=${expired > 0 ? 'expired' : 'expiring_soon'}`
	};
}

/** One notification per notice, or one summary for someone with more than DIGEST_AFTER. */
export function planNotifications(notices: Notice[]) {
	const byUser = new Map<string, Notice[]>();
	for (const n of notices) byUser.set(n.user_id, [...(byUser.get(n.user_id) ?? []), n]);
	return [...byUser].flatMap(([userId, mine]) =>
		mine.length > DIGEST_AFTER
			? [{ userId, note: digestFor(mine) }]
			: mine.map((n) => ({ userId, note: noteFor(n) }))
	);
}

/** Call as the 'system' actor (the worker does). */
export async function sweepDocumentExpiry(options: ExpiryOptions = {}): Promise<ExpiryResult> {
	const settings = await providerSettings();
	const today = providerToday(settings, options.asOf);
	const only = options.documentId ?? null;
	const outcome = await tx(async (t) => {
		const q = <T extends object>(sql: string, bind: unknown[]) =>
			db().query<T>(sql, { bind, type: QueryTypes.SELECT, transaction: t });
		const moved = await q<Moved>(
			`UPDATE documents SET status = ${STATUS_SQL}
			WHERE ($3::uuid IS NULL OR id = $3::uuid) AND status IS DISTINCT FROM ${STATUS_SQL}
			RETURNING id::text, status, expiry_date, participant_id::text, uploaded_by::text`,
			[today, settings.documentWarningDays, only]
		);
		const movedIds = moved.filter((m) => m.status !== 'current').map((m) => m.id);
		const notices = await q<Notice>(
			`WITH noticed AS (
				INSERT INTO document_expiry_notices (document_id, document_type, expiry_date, status)
				SELECT d.id, d.type, d.expiry_date, d.status FROM documents d
				WHERE d.status <> 'current' AND d.expiry_date IS NOT NULL
					AND (d.id = ANY($1::uuid[]) OR d.id = $2::uuid)
				ON CONFLICT DO NOTHING
				RETURNING document_id, document_type, status, expiry_date),
			docs AS (
				SELECT d.id, d.name, n.status, n.expiry_date, d.participant_id, d.uploaded_by, p.name AS participant_name
				FROM noticed n JOIN documents d ON d.id = n.document_id AND d.type = n.document_type
				LEFT JOIN participants p ON p.id = d.participant_id),
			coordinators AS (
				SELECT d.id AS document_id, ps.user_id FROM docs d
				JOIN participant_staff ps ON ps.participant_id = d.participant_id
				JOIN users u ON u.id = ps.user_id AND u.role = 'support_coordinator' AND u.is_active),
			fallback AS (
				SELECT d.id AS document_id, u.id AS user_id FROM docs d
				JOIN users u ON u.role = 'support_coordinator' AND u.is_active
				WHERE d.participant_id IS NOT NULL
					AND NOT EXISTS (SELECT 1 FROM coordinators c WHERE c.document_id = d.id)),
			recipients AS (
				SELECT id AS document_id, uploaded_by AS user_id FROM docs
				UNION SELECT * FROM coordinators UNION SELECT * FROM fallback)
			SELECT r.user_id::text, d.id::text AS document_id, d.name, d.status::text, d.expiry_date::text,
				d.participant_id::text, d.participant_name, d.uploaded_by::text,
				(d.expiry_date - $3::date) AS days
			FROM recipients r JOIN docs d ON d.id = r.document_id
			JOIN users u ON u.id = r.user_id AND u.is_active
			ORDER BY r.user_id, d.expiry_date, d.name`,
			[movedIds, only, today]
		);
		const notifications = await notifyEach(planNotifications(notices));
		return { moved, notices, notifications };
	});

	const announced = new Map<string, DocumentEvent & { uploadedBy?: string }>();
	for (const m of outcome.moved) {
		announced.set(m.id, {
			id: m.id,
			status: m.status,
			participantId: m.participant_id,
			expiryDate: m.expiry_date,
			uploadedBy: m.uploaded_by
		});
	}
	for (const n of outcome.notices) {
		if (!announced.has(n.document_id)) {
			announced.set(n.document_id, {
				id: n.document_id,
				status: n.status,
				participantId: n.participant_id,
				expiryDate: n.expiry_date,
				uploadedBy: n.uploaded_by
			});
		}
	}
	if (announced.size > 0) {
		const events = [...announced.values()];
		const participantIds = [
			...new Set(events.flatMap((e) => (e.participantId ? [e.participantId] : [])))
		];
		const rooms = await audienceByParticipant('documents', participantIds);
		const managers = await audience('documents', {});
		for (const { uploadedBy, ...event } of events) {
			const to = new Set(event.participantId ? (rooms.get(event.participantId) ?? []) : managers);
			if (uploadedBy) to.add(userRoom(uploadedBy));
			publish([...to], 'document:changed', event);
		}
		await publishWalls('budget');
	}
	return {
		today,
		moved: outcome.moved.length,
		notices: new Set(outcome.notices.map((n) => n.document_id)).size,
		notifications: outcome.notifications
	};
}
