/**
 * The staff directory, for /staff and the staff API: staff_members joined with their accounts.
 * Reads and changes run in tx(), so row-level security and the audit trail know who asked.
 */
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import { canReadField, fieldScope, scopeOf } from '../auth/permissions';
import { db, tx } from '../db';
import { StaffMember } from '../db/models';
import { STAFF_STATUSES, USER_ROLES, type StaffStatus, type UserRole } from '../../shared/enums';

const SORTS = [
	'name',
	'-name',
	'startDate',
	'-startDate',
	'hourlyRate',
	'-hourlyRate',
	'totalHours',
	'-totalHours'
] as const;

export const staffFilters = z.object({
	q: z.string().trim().max(100).optional(),
	role: z.enum(USER_ROLES, { error: `must be one of ${USER_ROLES.join(', ')}` }).optional(),
	status: z
		.enum(STAFF_STATUSES, { error: `must be one of ${STAFF_STATUSES.join(', ')}` })
		.optional(),
	page: z.coerce.number({ error: 'must be a number' }).int().min(1).default(1),
	limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(25),
	sort: z.enum(SORTS, { error: `must be one of ${SORTS.join(', ')}` }).default('name')
});
export type StaffFilters = z.infer<typeof staffFilters>;

/** Sorting by a figure reveals its order, so it needs the same right as reading it. */
const PAY_SORTS = new Set(['hourlyRate', 'totalHours']);
const sortsFor = (role: UserRole) =>
	fieldScope(role, 'staff.hourlyRate') === 'all' && fieldScope(role, 'staff.totalHours') === 'all'
		? SORTS
		: SORTS.filter((s) => !PAY_SORTS.has(s.replace(/^-/, '')));

/** The filters as `role` may use them: frontline staff cannot sort by colleagues' pay or hours. */
export function staffFiltersFor(role: UserRole) {
	const allowed: readonly string[] = sortsFor(role);
	return staffFilters.refine((f) => allowed.includes(f.sort), {
		path: ['sort'],
		message: `must be one of ${allowed.join(', ')}`
	});
}

/** Money arrives as a string or a number; either way it is kept as an exact decimal string. */
const hourlyRate = z
	.union([z.string().trim(), z.number().transform(String)], { error: 'must be an amount' })
	.pipe(
		z
			.string()
			.regex(/^\d{1,6}(\.\d{1,2})?$/, 'must be a non-negative amount with at most 2 decimal places')
	)
	.transform((v) => Number(v).toFixed(2));

export const staffPatchSchema = z
	.strictObject(
		{
			specialization: z
				.string()
				.trim()
				.max(255, 'is too long')
				.transform((v) => v || null)
				.nullable()
				.optional(),
			hourlyRate: hourlyRate.optional(),
			certifications: z
				.string()
				.trim()
				.max(5000, 'is too long')
				.transform((v) => v || null)
				.nullable()
				.optional(),
			status: z
				.enum(STAFF_STATUSES, { error: `must be one of ${STAFF_STATUSES.join(', ')}` })
				.optional()
		},
		{ error: 'is not a field that can be changed here' }
	)
	.refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field' });
export type StaffPatch = z.infer<typeof staffPatchSchema>;

export type StaffSummary = {
	id: string;
	userId: string | null;
	name: string | null;
	email: string | null;
	role: UserRole | null;
	phone: string | null;
	specialization: string | null;
	/** Absent unless the viewer may read it (a colleague's pay is private: FIELD_POLICY). */
	hourlyRate?: string;
	startDate: string;
	certifications: string | null;
	status: StaffStatus;
	assignedParticipantsCount: number;
	/** Absent unless the viewer may read it, like hourlyRate. */
	totalHours?: string;
	createdAt: string;
	updatedAt: string;
};

export type AssignedParticipant = { id: string; name: string; ndisNumber: string; status: string };
export type StaffProfile = StaffSummary & { assignedParticipants: AssignedParticipant[] | null };

const COLUMNS = `s.id, s.user_id AS "userId", u.name, u.email, u.role::text AS role, u.phone,
	s.specialization, s.hourly_rate::text AS "hourlyRate", s.start_date AS "startDate",
	s.certifications, s.status::text AS status,
	coalesce(s.assigned_participants_count, 0) AS "assignedParticipantsCount",
	coalesce(s.total_hours, 0)::numeric(8, 2)::text AS "totalHours",
	s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

const ORDER: Record<string, string> = {
	name: 'u.name',
	startDate: 's.start_date',
	hourlyRate: 's.hourly_rate',
	totalHours: 's.total_hours'
};

type RawSummary = Omit<StaffSummary, 'createdAt' | 'updatedAt' | 'hourlyRate' | 'totalHours'> & {
	hourlyRate: string;
	totalHours: string;
	createdAt: Date;
	updatedAt: Date;
};

export type Viewer = { id: string; role: UserRole };

/**
 * The one serialiser of a staff row: every answer that carries one (pages, API, search, exports)
 * goes through here, and the fields the policy keeps from this viewer are left out, not blanked.
 */
function toSummary(row: RawSummary, viewer: Viewer): StaffSummary {
	const { hourlyRate, totalHours, ...rest } = row;
	return {
		...rest,
		...(canReadField(viewer, 'staff.hourlyRate', row.userId) ? { hourlyRate } : {}),
		...(canReadField(viewer, 'staff.totalHours', row.userId) ? { totalHours } : {}),
		createdAt: new Date(row.createdAt).toISOString(),
		updatedAt: new Date(row.updatedAt).toISOString()
	};
}

export async function list(filters: StaffFilters, viewer: Viewer) {
	const where: string[] = [];
	const bind: unknown[] = [];
	if (filters.q) {
		bind.push(`%${filters.q.replace(/[%_\\]/g, '\\$&')}%`);
		const n = `$${bind.length}`;
		where.push(`(u.name ILIKE ${n} OR u.email ILIKE ${n} OR s.specialization ILIKE ${n})`);
	}
	if (filters.role) {
		bind.push(filters.role);
		where.push(`u.role = $${bind.length}`);
	}
	if (filters.status) {
		bind.push(filters.status);
		where.push(`s.status = $${bind.length}`);
	}
	const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
	// A caller that skipped staffFiltersFor still cannot order by what the viewer may not read.
	const sort = sortsFor(viewer.role).includes(filters.sort) ? filters.sort : 'name';
	const field = ORDER[sort.replace(/^-/, '')]!;
	const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
	const from = 'FROM staff_members s LEFT JOIN users u ON u.id = s.user_id';
	return tx(async (t) => {
		const [counted] = await db().query<{ total: number }>(
			`SELECT count(*)::int AS total ${from} ${clause}`,
			{ type: QueryTypes.SELECT, bind, transaction: t }
		);
		const rows = await db().query<RawSummary>(
			`SELECT ${COLUMNS} ${from} ${clause}
			ORDER BY ${field} ${direction} NULLS LAST, s.id
			LIMIT $${bind.length + 1} OFFSET $${bind.length + 2}`,
			{
				type: QueryTypes.SELECT,
				bind: [...bind, filters.limit, (filters.page - 1) * filters.limit],
				transaction: t
			}
		);
		return {
			data: rows.map((row) => toSummary(row, viewer)),
			total: counted?.total ?? 0,
			page: filters.page,
			limit: filters.limit
		};
	});
}

/**
 * One staff member. Their participants are listed for viewers who may read every participant, and
 * for the staff member themselves; anyone else gets `assignedParticipants: null`, not a list cut
 * down to the participants they happen to share.
 */
export async function get(id: string, viewer: Viewer): Promise<StaffProfile | null> {
	return tx(async (t) => {
		const [row] = await db().query<RawSummary>(
			`SELECT ${COLUMNS} FROM staff_members s LEFT JOIN users u ON u.id = s.user_id
			WHERE s.id = $1`,
			{ type: QueryTypes.SELECT, bind: [id], transaction: t }
		);
		if (!row) return null;
		let assignedParticipants: AssignedParticipant[] | null = null;
		const withParticipants =
			scopeOf(viewer.role, 'participants', 'read') === 'all' || row.userId === viewer.id;
		if (withParticipants && row.userId) {
			assignedParticipants = await db().query<AssignedParticipant>(
				`SELECT p.id, p.name, p.ndis_number AS "ndisNumber", p.status::text AS status
				FROM participant_staff ps JOIN participants p ON p.id = ps.participant_id
				WHERE ps.user_id = $1 ORDER BY p.name, p.id`,
				{ type: QueryTypes.SELECT, bind: [row.userId], transaction: t }
			);
		}
		return { ...toSummary(row, viewer), assignedParticipants };
	});
}

/** Applies a partial change as one audited update by the current actor. */
export async function update(
	id: string,
	patch: StaffPatch,
	viewer: Viewer
): Promise<StaffProfile | null> {
	return tx(async () => {
		const member = await StaffMember.findByPk(id);
		if (!member) return null;
		await member.update(patch);
		return get(id, viewer);
	});
}
