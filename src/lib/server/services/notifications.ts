/**
 * Notifications: a row per recipient (in the caller's transaction, so a rolled-back change
 * notifies nobody), pushed live as `notification:new` once that transaction commits, and sent by
 * email through the mail queue when the recipient's preferences ask for that kind.
 */
import { Op, QueryTypes } from 'sequelize';
import { z } from 'zod';
import { config } from '../config';
import { db, tx } from '../db';
import { Notification, User, UserSetting } from '../db/models';
import { requestMail } from '../mail/queue';
import { publish, userRoom } from '../realtime/publish';
import type { NotificationType } from '../../shared/enums';
import { PREFERENCES, type PreferenceKey } from '../../shared/preferences';
import type { NotificationEvent } from '../../shared/realtime';

/** What a notification is about, which decides the email preference that governs it. */
export const NOTIFICATION_KINDS = {
	session_approved: 'notifications.email.session_approved',
	session_rejected: 'notifications.email.session_rejected',
	session_submitted: 'notifications.email.session_submitted',
	document_expiring: 'notifications.email.document_expiring',
	security_alert: 'notifications.email.security_alerts',
	roster_changes: 'notifications.email.roster_changes',
	invoice_overdue: 'notifications.email.invoice_overdue',
	access_review: 'notifications.email.access_review'
} as const satisfies Record<string, PreferenceKey>;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export type NewNotification = {
	kind: NotificationKind;
	type: NotificationType;
	title: string;
	message: string;
	relatedTable?: string | null;
	relatedId?: string | null;
	/** Where the related record can be seen, for the email's link (a path such as /sessions/…). */
	link?: string;
};

export type NotificationDto = NotificationEvent & { isRead: boolean; readAt: string | null };

export function toDto(n: Notification): NotificationDto {
	return {
		id: n.id,
		type: n.type,
		title: n.title,
		message: n.message,
		relatedTable: n.relatedTable,
		relatedId: n.relatedId,
		createdAt: n.createdAt.toISOString(),
		isRead: n.isRead,
		readAt: n.readAt ? n.readAt.toISOString() : null
	};
}

/** Where emails link to: the configured public origin, else this server on localhost. */
function siteUrl(): string {
	return config.origin ?? `http://localhost:${config.port}`;
}

/** The users among `userIds` who want this kind by email (their setting, else the default). */
async function emailRecipients(userIds: string[], kind: NotificationKind) {
	const key = NOTIFICATION_KINDS[kind];
	const fallback = PREFERENCES[key].default;
	const [users, settings] = await Promise.all([
		User.findAll({
			where: { id: { [Op.in]: userIds }, isActive: true },
			attributes: ['id', 'email', 'name']
		}),
		UserSetting.findAll({ where: { userId: { [Op.in]: userIds }, settingKey: key } })
	]);
	const chosen = new Map(settings.map((s) => [s.userId, s.settingValue === 'true']));
	return users.filter((u) => chosen.get(u.id) ?? fallback);
}

/**
 * Notifies each user once. Call inside the transaction that makes the change; the push and the
 * email happen only after it commits.
 */
export async function notify(userIds: string[], note: NewNotification): Promise<NotificationDto[]> {
	const recipients = [...new Set(userIds)];
	if (recipients.length === 0) return [];
	return tx(async () => {
		const rows = await Notification.bulkCreate(
			recipients.map((userId) => ({
				userId,
				type: note.type,
				title: note.title.slice(0, 255),
				message: note.message,
				readAt: null,
				relatedTable: note.relatedTable ?? null,
				relatedId: note.relatedId ?? null
			})),
			// RETURNING would need to read the rows back, which RLS allows only their owner; the
			// ids and timestamps are made here, so nothing needs returning.
			{ returning: false }
		);
		const dtos = rows.map(toDto);
		for (const [i, row] of rows.entries()) {
			const { isRead: _read, readAt: _readAt, ...event } = dtos[i]!;
			publish([userRoom(row.userId)], 'notification:new', event);
		}
		// Written with the change, queued once it commits (the outbox): never lost, never twice.
		for (const user of await emailRecipients(recipients, note.kind)) {
			const link = note.link ? `\n\nOpen it: ${siteUrl()}${note.link}` : '';
			requestMail({
				to: user.email,
				subject: note.title,
				text: `Hello ${user.name},\n\n${note.message}${link}\n\nYou can choose which notifications come by email in your settings.\n`
			});
		}
		return dtos;
	});
}

/**
 * Many notifications at once, each with its own text and recipient (a job's batch of
 * transitions): one insert per thousand, then the same live push and emails as notify(). Call
 * inside the transaction that makes the change.
 */
export async function notifyEach(
	items: { userId: string; note: NewNotification }[]
): Promise<number> {
	if (items.length === 0) return 0;
	return tx(async () => {
		for (let i = 0; i < items.length; i += 1000) {
			const slice = items.slice(i, i + 1000);
			const rows = await Notification.bulkCreate(
				slice.map(({ userId, note }) => ({
					userId,
					type: note.type,
					title: note.title.slice(0, 255),
					message: note.message,
					readAt: null,
					relatedTable: note.relatedTable ?? null,
					relatedId: note.relatedId ?? null
				})),
				{ returning: false }
			);
			for (const row of rows) {
				const { isRead: _read, readAt: _readAt, ...event } = toDto(row);
				publish([userRoom(row.userId)], 'notification:new', event);
			}
		}
		const mails: { to: string; name: string; note: NewNotification }[] = [];
		for (const kind of new Set(items.map((item) => item.note.kind))) {
			const ofKind = items.filter((item) => item.note.kind === kind);
			const wanted = new Map(
				(await emailRecipients([...new Set(ofKind.map((i) => i.userId))], kind)).map((u) => [
					u.id,
					u
				])
			);
			for (const { userId, note } of ofKind) {
				const user = wanted.get(userId);
				if (user) mails.push({ to: user.email, name: user.name, note });
			}
		}
		for (const { to, name, note } of mails) {
			const link = note.link ? `\n\nOpen it: ${siteUrl()}${note.link}` : '';
			requestMail({
				to,
				subject: note.title,
				text: `Hello ${name},\n\n${note.message}${link}\n\nYou can choose which notifications come by email in your settings.\n`
			});
		}
		return items.length;
	});
}

export const notificationFilters = z.object({
	unread: z
		.enum(['true', 'false'], { error: 'must be true or false' })
		.transform((v) => v === 'true')
		.optional(),
	page: z.coerce.number({ error: 'must be a number' }).int().min(1).default(1),
	limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(25)
});
export type NotificationFilters = z.infer<typeof notificationFilters>;

/** A user's own notifications, newest first, with the unread count for the bell. */
export async function list(userId: string, filters: NotificationFilters) {
	return tx(async () => {
		const where = {
			userId,
			...(filters.unread === undefined ? {} : { isRead: !filters.unread })
		};
		const [{ rows, count }, unread] = await Promise.all([
			Notification.findAndCountAll({
				where,
				order: [
					['createdAt', 'DESC'],
					['id', 'ASC']
				],
				limit: filters.limit,
				offset: (filters.page - 1) * filters.limit
			}),
			Notification.count({ where: { userId, isRead: false } })
		]);
		return {
			data: rows.map(toDto),
			total: count,
			page: filters.page,
			limit: filters.limit,
			unread
		};
	});
}

export async function unreadCount(userId: string): Promise<number> {
	return tx(() => Notification.count({ where: { userId, isRead: false } }));
}

export async function get(userId: string, id: string): Promise<NotificationDto | null> {
	const row = await tx(() => Notification.findOne({ where: { id, userId } }));
	return row ? toDto(row) : null;
}

async function announceUnread(userId: string): Promise<number> {
	const unread = await unreadCount(userId);
	publish([userRoom(userId)], 'notification:read', { unread });
	return unread;
}

/** Marks one of the user's notifications read; null when it is not theirs or does not exist. */
export async function markRead(userId: string, id: string): Promise<NotificationDto | null> {
	return tx(async (t) => {
		const [rows] = await db().query(
			`UPDATE notifications SET is_read = true, read_at = COALESCE(read_at, now())
			WHERE id = $1 AND user_id = $2 RETURNING id`,
			{ bind: [id, userId], transaction: t, type: QueryTypes.RAW }
		);
		if ((rows as unknown[]).length === 0) return null;
		await announceUnread(userId);
		return get(userId, id);
	});
}

/** Marks all of the user's notifications read; answers how many changed. */
export async function markAllRead(userId: string): Promise<number> {
	return tx(async () => {
		const [count] = await Notification.update(
			{ isRead: true, readAt: new Date() },
			{ where: { userId, isRead: false } }
		);
		await announceUnread(userId);
		return count;
	});
}

/** Where a notification's related record lives in the app, for the list's links. */
export function relatedHref(n: Pick<NotificationDto, 'relatedTable' | 'relatedId'>): string | null {
	if (!n.relatedId) return null;
	switch (n.relatedTable) {
		case 'session_logs':
			return `/sessions/${n.relatedId}`;
		case 'participants':
			return `/participants/${n.relatedId}`;
		case 'documents':
			return `/documents/${n.relatedId}/download`;
		case 'users':
			return `/admin/audit/users/${n.relatedId}`;
		case 'calendar_events':
			return `/calendar?event=${n.relatedId}`;
		case 'access_reviews':
			return `/admin/access-reviews/${n.relatedId}`;
		default:
			return null;
	}
}
