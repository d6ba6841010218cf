/**
 * Participants, for /participants and the participants API. Every call runs in the caller's
 * transaction (tx), so row-level security and the audit trigger know who acts; the app scopes
 * lists and reads itself as well ('assigned' viewers see only their participants), so a policy
 * slip in one layer is caught by the other. Participants are never deleted, only made inactive.
 */
import { Op, QueryTypes, literal, type WhereOptions } from 'sequelize';
import type { Scope } from '../auth/permissions';
import { db, tx } from '../db';
import { currentActor } from '../db/context';
import { AuditLog, Participant, ParticipantStaff, User } from '../db/models';
import { addDays, localDate } from '../time';
import { requestBudgetRecompute } from '../budgets/queue';
import type { ParticipantStatus, UserRole } from '../../shared/enums';
import {
	crossFieldErrors,
	type NewParticipant,
	type ParticipantFilters,
	type ParticipantPatch
} from './participant-schema';

export * from './participant-schema';

/** Who is looking: their id, and the scope the policy gave them for participants. */
export type Viewer = { id: string; scope: Scope };

/** A rule broken by the combination of a change and the stored record (400 with fields). */
export class ParticipantValidationError extends Error {
	constructor(readonly fields: Record<string, string>) {
		super('Some fields need attention');
	}
}

export type ParticipantDto = {
	id: string;
	ndisNumber: string;
	name: string;
	email: string | null;
	phone: string | null;
	address: string | null;
	dateOfBirth: string | null;
	emergencyContactName: string | null;
	emergencyContactPhone: string | null;
	primaryDisability: string | null;
	planStartDate: string | null;
	planEndDate: string | null;
	planManager: string | null;
	totalBudget: string | null;
	usedBudget: string;
	remainingBudget: string | null;
	planElapsedPercent: number | null;
	supportNeeds: string | null;
	goals: string | null;
	medicalInfo: string | null;
	notes: string | null;
	status: ParticipantStatus;
	createdBy: string | null;
	createdAt: string;
	updatedAt: string;
};

// Money is counted in whole cents so sums never pick up binary fractions.
const toCents = (amount: string) => Math.round(Number(amount) * 100);
function fromCents(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
const money = (amount: string | null) => (amount === null ? null : fromCents(toCents(amount)));

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** How far through the plan `today` is, 0–100 with one decimal; null without both dates. */
export function planElapsedPercent(
	start: string | null,
	end: string | null,
	today: string
): number | null {
	if (!start || !end) return null;
	const length = dayNumber(end) - dayNumber(start);
	if (length <= 0) return null;
	const ratio = (dayNumber(today) - dayNumber(start)) / length;
	return Math.round(Math.min(1, Math.max(0, ratio)) * 1000) / 10;
}

/** The list leaves out health details: they are for the participant's own page. */
export type ParticipantSummary = Omit<ParticipantDto, 'supportNeeds' | 'medicalInfo' | 'notes'>;

const SEALED = ['supportNeeds', 'medicalInfo', 'notes'] as const;

/** Never reads the encrypted columns, so a list costs no decryption and leaks nothing. */
export function toSummary(p: Participant, today = localDate(new Date())): ParticipantSummary {
	const usedBudget = money(p.usedBudget) ?? '0.00';
	const totalBudget = money(p.totalBudget);
	return {
		id: p.id,
		ndisNumber: p.ndisNumber,
		name: p.name,
		email: p.email,
		phone: p.phone,
		address: p.address,
		dateOfBirth: p.dateOfBirth,
		emergencyContactName: p.emergencyContactName,
		emergencyContactPhone: p.emergencyContactPhone,
		primaryDisability: p.primaryDisability,
		planStartDate: p.planStartDate,
		planEndDate: p.planEndDate,
		planManager: p.planManager,
		totalBudget,
		usedBudget,
		remainingBudget:
			totalBudget === null ? null : fromCents(toCents(totalBudget) - toCents(usedBudget)),
		planElapsedPercent: planElapsedPercent(p.planStartDate, p.planEndDate, today),
		goals: p.goals,
		status: p.status,
		createdBy: p.createdBy,
		createdAt: p.createdAt.toISOString(),
		updatedAt: p.updatedAt.toISOString()
	};
}

/** A field sealed with a key this server no longer holds reads as a notice, not a crash. */
function opened(p: Participant, field: (typeof SEALED)[number]): string | null {
	try {
		return p[field];
	} catch {
		return '[sealed with a retired key]';
	}
}

export function toDto(p: Participant, today = localDate(new Date())): ParticipantDto {
	return {
		...toSummary(p, today),
		supportNeeds: opened(p, 'supportNeeds'),
		medicalInfo: opened(p, 'medicalInfo'),
		notes: opened(p, 'notes')
	};
}

/** Restricts a query to the participants an 'assigned' viewer works with. */
function scopeWhere(viewer: Viewer): WhereOptions<Participant> | null {
	if (viewer.scope === 'all') return null;
	const userId = db().escape(viewer.id);
	return {
		id: {
			[Op.in]: literal(`(SELECT participant_id FROM participant_staff WHERE user_id = ${userId})`)
		}
	};
}

const SORT_COLUMNS = {
	name: 'name',
	ndisNumber: 'ndisNumber',
	planEndDate: 'planEndDate',
	status: 'status'
} as const;

export async function list(filters: ParticipantFilters, viewer: Viewer) {
	const where: WhereOptions<Participant>[] = [];
	const scoped = scopeWhere(viewer);
	if (scoped) where.push(scoped);
	if (filters.q) {
		// Health details are encrypted and never searched; name and NDIS number are.
		const escaped = filters.q.replace(/[%_\\]/g, '\\$&');
		const byNumber = /^\d+$/.test(filters.q.replace(/\s/g, ''))
			? [{ ndisNumber: { [Op.like]: `${escaped.replace(/\s/g, '')}%` } }]
			: [];
		where.push({ [Op.or]: [{ name: { [Op.iLike]: `%${escaped}%` } }, ...byNumber] });
	}
	if (filters.status) where.push({ status: filters.status });
	if (filters.planManager) where.push({ planManager: filters.planManager });
	const today = localDate(new Date());
	if (filters.planEndingWithinDays !== undefined) {
		where.push({
			planEndDate: { [Op.between]: [today, addDays(today, filters.planEndingWithinDays)] }
		});
	}
	const field = SORT_COLUMNS[filters.sort.replace(/^-/, '') as keyof typeof SORT_COLUMNS];
	const direction = filters.sort.startsWith('-') ? 'DESC' : 'ASC';
	const { rows, count } = await tx(() =>
		Participant.findAndCountAll({
			attributes: { exclude: [...SEALED] },
			where: { [Op.and]: where },
			order: [
				[field, `${direction} NULLS LAST`],
				['id', 'ASC']
			],
			limit: filters.limit,
			offset: (filters.page - 1) * filters.limit
		})
	);
	return {
		data: rows.map((p) => toSummary(p, today)),
		total: count,
		page: filters.page,
		limit: filters.limit
	};
}

async function find(id: string, viewer?: Viewer): Promise<Participant | null> {
	const scoped = viewer ? scopeWhere(viewer) : null;
	return Participant.findOne({ where: scoped ? { [Op.and]: [{ id }, scoped] } : { id } });
}

/** One participant, or null when there is none or the viewer may not see it (indistinguishable). */
export async function get(id: string, viewer?: Viewer): Promise<ParticipantDto | null> {
	const participant = await tx(() => find(id, viewer));
	return participant ? toDto(participant) : null;
}

export async function create(input: NewParticipant, createdBy: string | null) {
	const { allowOverspend: _, ...values } = input;
	return tx(async () => {
		const participant = await Participant.create({
			email: null,
			phone: null,
			address: null,
			dateOfBirth: null,
			emergencyContactName: null,
			emergencyContactPhone: null,
			primaryDisability: null,
			planStartDate: null,
			planEndDate: null,
			planManager: null,
			totalBudget: null,
			supportNeeds: null,
			goals: null,
			medicalInfo: null,
			notes: null,
			...values,
			createdBy
		});
		return toDto(participant);
	});
}

async function recordStatusChange(id: string, status: ParticipantStatus, reason: string) {
	const actor = currentActor();
	// The trigger logs the column change; this row says why, which no column holds.
	await AuditLog.create(
		{
			userId: actor.userId,
			action: 'participant.status_changed',
			tableName: 'participants',
			recordId: id,
			oldValues: null,
			newValues: { status, reason },
			ipAddress: actor.ip ?? null,
			userAgent: actor.userAgent ?? null
		},
		{ returning: false }
	);
}

/**
 * Applies a partial change in one transaction, checking cross-field rules against the stored
 * record. A status change goes through with its reason recorded, as `setStatus` does.
 */
export async function update(id: string, patch: ParticipantPatch): Promise<ParticipantDto | null> {
	const { allowOverspend, statusReason, ...changes } = patch;
	return tx(async () => {
		const participant = await Participant.findByPk(id);
		if (!participant) return null;
		const merged = {
			planStartDate: participant.planStartDate,
			planEndDate: participant.planEndDate,
			totalBudget: participant.totalBudget,
			usedBudget: participant.usedBudget,
			...changes
		};
		const errors = crossFieldErrors(merged, allowOverspend);
		// A stored overspend that this change does not touch is not this change's fault.
		const budgetTouched = changes.totalBudget !== undefined || changes.usedBudget !== undefined;
		if (!budgetTouched) delete errors.usedBudget;
		if (Object.keys(errors).length > 0) throw new ParticipantValidationError(errors);
		const statusChanged = changes.status !== undefined && changes.status !== participant.status;
		await participant.update(changes);
		if (statusChanged) await recordStatusChange(id, changes.status!, statusReason!);
		// The budget job owns used_budget and the burn figures: a new budget, plan or hand-typed
		// used amount is recomputed from the sessions and invoices within a second.
		const planTouched = ['totalBudget', 'usedBudget', 'planStartDate', 'planEndDate'].some(
			(key) => key in changes
		);
		if (planTouched) requestBudgetRecompute([id]);
		return toDto(participant);
	});
}

/** Changes the status and records why; the reason is required. */
export async function setStatus(
	id: string,
	status: ParticipantStatus,
	reason: string
): Promise<ParticipantDto | null> {
	if (!reason.trim()) throw new ParticipantValidationError({ reason: 'is required' });
	return update(id, { status, statusReason: reason.trim() });
}

export type AssignedStaff = {
	userId: string;
	name: string;
	email: string;
	role: UserRole;
	assignedAt: string;
};

export async function listStaff(participantId: string): Promise<AssignedStaff[]> {
	const rows = await tx(() =>
		ParticipantStaff.findAll({ where: { participantId }, order: [['createdAt', 'ASC']] })
	);
	const users = await tx(() =>
		User.findAll({
			where: { id: rows.map((r) => r.userId) },
			attributes: ['id', 'name', 'email', 'role']
		})
	);
	const byId = new Map(users.map((u) => [u.id, u]));
	return rows.flatMap((row) => {
		const user = byId.get(row.userId);
		if (!user) return [];
		return [
			{
				userId: user.id,
				name: user.name,
				email: user.email,
				role: user.role,
				assignedAt: row.createdAt.toISOString()
			}
		];
	});
}

/** Staff who can be assigned: active frontline accounts (managers see everyone already). */
export async function assignableStaff(): Promise<
	Pick<AssignedStaff, 'userId' | 'name' | 'role'>[]
> {
	const users = await tx(() =>
		User.findAll({
			where: { isActive: true, role: ['support_worker', 'allied_health'] },
			attributes: ['id', 'name', 'role'],
			order: [['name', 'ASC']]
		})
	);
	return users.map((u) => ({ userId: u.id, name: u.name, role: u.role }));
}

/** Recounts one staff member's participants in the same transaction as the change. */
async function recount(userId: string) {
	await db().query(
		`UPDATE staff_members sm
		SET assigned_participants_count =
			(SELECT count(*) FROM participant_staff ps WHERE ps.user_id = sm.user_id)
		WHERE sm.user_id = $1`,
		{ bind: [userId], type: QueryTypes.UPDATE }
	);
}

export type AssignOutcome = 'assigned' | 'no_participant' | 'no_user';

export async function assign(
	participantId: string,
	userId: string,
	assignedBy: string | null
): Promise<AssignOutcome> {
	return tx(async () => {
		if (!(await Participant.findByPk(participantId, { attributes: ['id'] }))) {
			return 'no_participant';
		}
		const user = await User.findOne({
			where: { id: userId, isActive: true, role: ['support_worker', 'allied_health'] },
			attributes: ['id']
		});
		if (!user) return 'no_user';
		await ParticipantStaff.create({ participantId, userId, assignedBy });
		await recount(userId);
		return 'assigned';
	});
}

/** False when that person was not assigned to that participant. */
export async function unassign(participantId: string, userId: string): Promise<boolean> {
	return tx(async () => {
		const removed = await ParticipantStaff.destroy({ where: { participantId, userId } });
		if (removed === 0) return false;
		await recount(userId);
		return true;
	});
}
