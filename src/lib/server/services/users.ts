/**
 * User accounts, for /admin/users and the users API. Every change runs in the caller's
 * transaction (tx), so the audit trigger records who made it.
 */
import { Op, QueryTypes, type WhereOptions } from 'sequelize';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { deactivateUser, endSessionsForNewRole } from '../auth/account';
import { recordAuthEvent } from '../auth/audit';
import { setUserActive, setUserRole } from '../auth/credentials';
import { hashPassword } from '../auth/password';
import { sendInvitation } from '../auth/reset';
import { db, tx } from '../db';
import { User } from '../db/models';
import { USER_ROLES, type UserRole } from '../../shared/enums';

export const userFilters = z.object({
	q: z.string().trim().max(100).optional(),
	role: z.enum(USER_ROLES, { error: `must be one of ${USER_ROLES.join(', ')}` }).optional(),
	status: z
		.enum(['active', 'inactive', 'locked'], { error: 'must be active, inactive or locked' })
		.optional(),
	page: z.coerce.number({ error: 'must be a number' }).int().min(1).default(1),
	limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(25),
	sort: z
		.enum([
			'name',
			'-name',
			'email',
			'-email',
			'lastLogin',
			'-lastLogin',
			'createdAt',
			'-createdAt'
		])
		.default('name')
});
export type UserFilters = z.infer<typeof userFilters>;

export const newUserSchema = z.object({
	email: z
		.string()
		.trim()
		.toLowerCase()
		.pipe(z.email({ error: 'is not a valid email address' })),
	name: z.string().trim().min(1, 'is required').max(255, 'is too long'),
	role: z.enum(USER_ROLES, { error: `must be one of ${USER_ROLES.join(', ')}` }),
	phone: z
		.string()
		.trim()
		.regex(/^[0-9 +()-]{8,20}$/, 'is not a valid phone number')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	// Empty: the account is invited to choose its own password by email.
	password: z
		.string()
		.max(256, 'is too long')
		.optional()
		.transform((v) => (v ? v : undefined))
		.pipe(z.string().min(12, 'must be at least 12 characters').optional())
});
export type NewUser = z.infer<typeof newUserSchema>;

/** A partial change to an account (API PATCH); the password has its own reset flow. */
export const userPatchSchema = z
	.strictObject(
		{
			name: newUserSchema.shape.name.optional(),
			phone: z
				.string()
				.trim()
				.regex(/^[0-9 +()-]{8,20}$/, 'is not a valid phone number')
				.or(z.literal('').transform(() => null))
				.nullable()
				.optional(),
			role: newUserSchema.shape.role.optional(),
			isActive: z.boolean({ error: 'must be true or false' }).optional()
		},
		{ error: 'is not a field that can be changed here' }
	)
	.refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field' });
export type UserPatch = z.infer<typeof userPatchSchema>;

/**
 * What everyone may change of their own account under My settings. Not the email: it is how they
 * sign in and where reset links go, so an administrator changes it.
 */
export const profileSchema = z.object({
	name: newUserSchema.shape.name,
	phone: userPatchSchema.shape.phone
});
export type ProfileInput = z.infer<typeof profileSchema>;

export type UserSummary = {
	id: string;
	email: string;
	name: string;
	role: UserRole;
	phone: string | null;
	isActive: boolean;
	lastLogin: string | null;
	/** While too many failed sign-ins keep the account locked; null once the lock has run out. */
	lockedUntil: string | null;
	createdAt: string;
};

export function toSummary(user: User): UserSummary {
	return {
		id: user.id,
		email: user.email,
		name: user.name,
		role: user.role,
		phone: user.phone,
		isActive: user.isActive,
		lastLogin: user.lastLogin?.toISOString() ?? null,
		lockedUntil:
			user.lockedUntil && user.lockedUntil.getTime() > Date.now()
				? user.lockedUntil.toISOString()
				: null,
		createdAt: user.createdAt.toISOString()
	};
}

/** `onlyId` narrows the list to one account, for callers whose scope is their own. */
export async function list(filters: UserFilters, onlyId?: string) {
	const where: WhereOptions<User>[] = [];
	if (onlyId) where.push({ id: onlyId });
	if (filters.q) {
		const like = `%${filters.q.replace(/[%_\\]/g, '\\$&')}%`;
		where.push({ [Op.or]: [{ name: { [Op.iLike]: like } }, { email: { [Op.iLike]: like } }] });
	}
	if (filters.role) where.push({ role: filters.role });
	// Locked: too many failed sign-ins, until the lock runs out (the dashboard counts the same).
	if (filters.status === 'locked') where.push({ lockedUntil: { [Op.gt]: new Date() } });
	else if (filters.status) where.push({ isActive: filters.status === 'active' });
	const field = filters.sort.replace(/^-/, '') as 'name' | 'email' | 'lastLogin' | 'createdAt';
	const direction = filters.sort.startsWith('-') ? 'DESC' : 'ASC';
	const { rows, count } = await tx(() =>
		User.findAndCountAll({
			where: { [Op.and]: where },
			order: [
				[field, `${direction} NULLS LAST`],
				['id', 'ASC']
			],
			limit: filters.limit,
			offset: (filters.page - 1) * filters.limit
		})
	);
	return { data: rows.map(toSummary), total: count, page: filters.page, limit: filters.limit };
}

export async function get(id: string): Promise<UserSummary | null> {
	const user = await tx(() => User.findByPk(id));
	return user ? toSummary(user) : null;
}

export type Invitation = { origin: string; invitedBy: string };

/**
 * Creates an account. Without a password the account is invited: it gets an email with a link to
 * choose its own (sent once the account exists, in the same transaction).
 */
export async function create(
	input: NewUser,
	invitation?: Invitation
): Promise<UserSummary & { invited: boolean }> {
	// An invited account gets a long random password nobody knows until it chooses its own.
	const passwordHash = await hashPassword(input.password ?? randomBytes(32).toString('base64url'));
	return tx(async () => {
		const user = await User.create({
			email: input.email,
			name: input.name,
			role: input.role,
			phone: input.phone ?? null,
			passwordHash,
			avatarUrl: null,
			lastLogin: null
		});
		const invited = !input.password;
		if (invited) {
			if (!invitation) throw new Error('an account without a password needs an invitation');
			await sendInvitation(user, invitation.origin, invitation.invitedBy);
		}
		return { ...toSummary(user), invited };
	});
}

/** A new role signs the person out everywhere (auth/account.ts endSessionsForNewRole). */
export async function changeRole(id: string, role: UserRole): Promise<UserSummary | null> {
	return tx(async (t) => {
		const user = await User.findByPk(id);
		if (!user) return null;
		if (role !== user.role) {
			await setUserRole(id, role);
			await endSessionsForNewRole(t, id);
		}
		return get(id);
	});
}

export async function setActive(id: string, active: boolean): Promise<UserSummary | null> {
	return tx(async () => {
		if (!active) {
			if (!(await deactivateUser(id))) return null;
		} else {
			if (!(await setUserActive(id, true))) return null;
		}
		return get(id);
	});
}

/** Applies a partial change in one transaction, so the trail shows it as one act by one person. */
export async function update(id: string, patch: UserPatch): Promise<UserSummary | null> {
	return tx(async (t) => {
		const user = await User.findByPk(id);
		if (!user) return null;
		const { isActive, role, ...fields } = patch;
		if (Object.keys(fields).length > 0) await user.update(fields);
		// Roles change only through the database's own function (credentials.ts).
		if (role !== undefined && role !== user.role) {
			await setUserRole(id, role);
			await endSessionsForNewRole(t, id);
		}
		// Deactivation also ends the account's sessions, which setActive knows how to do.
		if (isActive !== undefined && isActive !== user.isActive) await setActive(id, isActive);
		return get(id);
	});
}

export type UnlockResult =
	| { ok: true; user: UserSummary }
	| { ok: false; reason: 'not_found' | 'not_locked'; message: string };

/**
 * Lifts a sign-in lock at once (an administrator vouched for the account holder), audited in the
 * same transaction. The lock is ended, not erased: failures are counted from the end of the last
 * lock (lockout.ts), so the attempts that caused it do not lock the account again at the next typo.
 */
export async function unlock(id: string): Promise<UnlockResult> {
	return tx(async (t) => {
		const lifted = await db().query<{ id: string }>(
			`UPDATE users SET locked_until = now() WHERE id = $1 AND locked_until > now() RETURNING id`,
			{ bind: [id], type: QueryTypes.SELECT, transaction: t }
		);
		if (lifted.length === 0) {
			const user = await User.findByPk(id, { transaction: t });
			return user
				? { ok: false, reason: 'not_locked', message: `${user.name} is not locked` }
				: { ok: false, reason: 'not_found', message: 'No such user' };
		}
		const user = (await User.findByPk(id, { transaction: t }))!;
		await recordAuthEvent('auth.unlock', { recordId: id, newValues: { email: user.email } });
		return { ok: true, user: toSummary(user) };
	});
}
