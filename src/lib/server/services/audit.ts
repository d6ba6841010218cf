/**
 * Reading the audit trail: /admin/audit (filter by user, table, record, action and date range) and
 * a record's history on its own page. Encrypted fields inside old/new values are opened for the
 * reader, who already passed the permission check to see the trail.
 */
import { Op, type WhereOptions } from 'sequelize';
import { z } from 'zod';
import { ENCRYPTED_PARTICIPANT_COLUMNS, openField } from '../crypto/keyring';
import { tx } from '../db';
import { AuditLog, Participant, User } from '../db/models';
import { addDays, DEFAULT_TIME_ZONE, startOfLocalDay } from '../time';
import { isoDate } from '../validation/fields';

export const auditFilters = z
	.object({
		userId: z.uuid({ error: 'must be a user id' }).optional(),
		tableName: z
			.string()
			.regex(/^[a-z_]{1,100}$/, 'must be a table name')
			.optional(),
		recordId: z.uuid({ error: 'must be a record id' }).optional(),
		action: z.string().trim().min(1).max(100).optional(),
		from: isoDate.optional(),
		to: isoDate.optional(),
		page: z.coerce.number({ error: 'must be a number' }).int().min(1).default(1),
		limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(50)
	})
	.refine((f) => !f.from || !f.to || f.from <= f.to, {
		path: ['to'],
		message: 'must be on or after the start date'
	});
export type AuditFilters = z.infer<typeof auditFilters>;

export type AuditEntry = {
	id: string;
	createdAt: string;
	userId: string | null;
	userName: string | null;
	action: string;
	tableName: string | null;
	recordId: string | null;
	oldValues: Record<string, unknown> | null;
	newValues: Record<string, unknown> | null;
	ipAddress: string | null;
	userAgent: string | null;
};

function openValues(table: string | null, values: Record<string, unknown> | null) {
	if (!values || table !== 'participants') return values;
	const opened = { ...values };
	for (const column of ENCRYPTED_PARTICIPANT_COLUMNS) {
		const value = opened[column];
		if (typeof value === 'string') {
			try {
				opened[column] = openField(value);
			} catch {
				opened[column] = '[sealed with a retired key]';
			}
		}
	}
	return opened;
}

export async function list(filters: AuditFilters, timeZone = DEFAULT_TIME_ZONE) {
	const where: WhereOptions<AuditLog>[] = [];
	if (filters.userId) where.push({ userId: filters.userId });
	if (filters.tableName) where.push({ tableName: filters.tableName });
	if (filters.recordId) where.push({ recordId: filters.recordId });
	if (filters.action) where.push({ action: filters.action });
	// Dates are whole days in the provider's time zone.
	if (filters.from)
		where.push({ createdAt: { [Op.gte]: startOfLocalDay(filters.from, timeZone) } });
	if (filters.to)
		where.push({ createdAt: { [Op.lt]: startOfLocalDay(addDays(filters.to, 1), timeZone) } });
	const { rows, count } = await tx(() =>
		AuditLog.findAndCountAll({
			where: { [Op.and]: where },
			include: [{ model: User, as: 'user', attributes: ['name'] }],
			order: [
				['createdAt', 'DESC'],
				['id', 'DESC']
			],
			limit: filters.limit,
			offset: (filters.page - 1) * filters.limit
		})
	);
	return { data: rows.map(toEntry), total: count, page: filters.page, limit: filters.limit };
}

/** One row as readers see it; load it with `include: [{model: User, as: 'user'}]` for the name. */
export function toEntry(row: AuditLog): AuditEntry {
	const user = (row as AuditLog & { user?: User }).user;
	return {
		id: row.id,
		createdAt: row.createdAt.toISOString(),
		userId: row.userId,
		userName: user?.name ?? null,
		action: row.action,
		tableName: row.tableName,
		recordId: row.recordId,
		oldValues: openValues(row.tableName, row.oldValues),
		newValues: openValues(row.tableName, row.newValues),
		ipAddress: row.ipAddress,
		userAgent: row.userAgent
	};
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Names for the ids a page of history mentions (the records, and the people and participants its
 * fields point at: staff_id, created_by …), so it reads in words. Two indexed lookups per page;
 * an id the reader may not see (row-level security) or that names nothing stays unnamed.
 */
export async function namesFor(
	entries: Pick<AuditEntry, 'recordId' | 'oldValues' | 'newValues'>[]
): Promise<Record<string, string>> {
	const ids = new Set<string>();
	for (const entry of entries) {
		if (entry.recordId) ids.add(entry.recordId);
		for (const values of [entry.oldValues, entry.newValues]) {
			for (const value of Object.values(values ?? {})) {
				if (typeof value === 'string' && UUID.test(value)) ids.add(value);
			}
		}
	}
	if (ids.size === 0) return {};
	const id = [...ids];
	return tx(async () => {
		const names: Record<string, string> = {};
		for (const row of await User.findAll({ where: { id }, attributes: ['id', 'name'] })) {
			names[row.id] = row.name;
		}
		for (const row of await Participant.findAll({ where: { id }, attributes: ['id', 'name'] })) {
			names[row.id] = row.name;
		}
		return names;
	});
}

/** The history of one record, newest first, with the names its entries mention. */
export async function history(tableName: string, recordId: string, page = 1) {
	const trail = await list({ tableName, recordId, page, limit: 50 });
	return { ...trail, names: await namesFor(trail.data) };
}
