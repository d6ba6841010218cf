/**
 * The demo organisation's 15 staff, the four contract logins among them. Every demo account
 * shares one password; it is hashed once per run, and an existing account keeps its hash so a
 * re-run never changes a password someone has already set.
 */
import { hashPassword } from '../../auth/password';
import { upsert } from '../db';
import { seedUuid } from '../ids';
import { createRandom } from '../random';
import { mobileNumber } from '../australia';
import { addDays } from '../dates';
import type { DemoContext, DemoStaff, UserRole } from './context';
import { STAFF } from './team';

export const DEMO_PASSWORD = 'demo-password-2026';

export const DEMO_LOGINS = [
	{ email: 'admin@demo.test', role: 'super_admin' },
	{ email: 'coordinator@demo.test', role: 'support_coordinator' },
	{ email: 'worker@demo.test', role: 'support_worker' },
	{ email: 'allied@demo.test', role: 'allied_health' }
] as const satisfies readonly { email: string; role: UserRole }[];

async function passwordHashFor(ctx: DemoContext): Promise<string> {
	const existing = await ctx.db.query<{ n: number }>(
		'SELECT count(*)::int AS n FROM users WHERE email = ANY($1::text[])',
		[STAFF.map((s) => s.email)]
	);
	// Every account exists already: the hash is never written, so skip the deliberately slow hash.
	if (existing.rows[0]?.n === STAFF.length) return '';
	return hashPassword(DEMO_PASSWORD);
}

export async function seedStaff(ctx: DemoContext): Promise<DemoStaff[]> {
	const rng = createRandom('demo:staff');
	const hash = await passwordHashFor(ctx);
	const users = STAFF.map((s) => ({
		id: seedUuid(`user:${s.email}`),
		email: s.email,
		password_hash: hash,
		name: s.name,
		role: s.role,
		phone: mobileNumber(rng),
		is_active: s.status !== 'inactive'
	}));
	const saved = await upsert(ctx.db, 'users', users, {
		conflict: ['email'],
		update: ['name', 'role', 'phone', 'is_active'],
		returning: ['id', 'email']
	});
	const idByEmail = new Map(saved.map((r) => [String(r.email), String(r.id)]));

	const staff: DemoStaff[] = STAFF.map((s) => {
		const userId = idByEmail.get(s.email);
		if (!userId) throw new Error(`Demo user ${s.email} was not saved`);
		return {
			key: s.email.split('@')[0] ?? s.email,
			userId,
			name: s.name,
			first: s.name.split(' ')[0] ?? s.name,
			email: s.email,
			role: s.role,
			status: s.status ?? 'active',
			specialization: s.specialization ?? null
		};
	});
	const profiles = STAFF.map((s, i) => ({
		id: seedUuid(`staff-member:${s.email}`),
		user_id: staff[i]?.userId,
		specialization: s.specialization ?? null,
		hourly_rate: s.rate,
		start_date: addDays(ctx.today, -rng.int(120, 2400)),
		certifications: s.certifications,
		status: s.status ?? 'active'
	}));
	await upsert(ctx.db, 'staff_members', profiles, { conflict: ['user_id'] });
	return staff;
}
