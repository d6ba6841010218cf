import { config } from '$lib/server/config';
import { fail } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { describeDbError } from '$lib/server/db/errors';
import { fieldErrors } from '$lib/server/http/errors';
import { isUuid, queryObject } from '$lib/server/http/query';
import { refuseSelfChange } from '$lib/server/services/user-guards';
import * as users from '$lib/server/services/users';
import { DEFAULT_TIME_ZONE } from '$lib/server/time';
import { USER_ROLES } from '$lib/shared/enums';
import { ROLE_LABELS } from '$lib/shared/roles';
import type { Actions, PageServerLoad } from './$types';

type ActionName = 'create' | 'changeRole' | 'setActive' | 'unlock';
type Outcome = {
	action: ActionName;
	ok: boolean;
	message: string;
	fields?: Record<string, string>;
	values?: Record<string, string>;
	id?: string;
};

const refuse = (status: number, outcome: Omit<Outcome, 'ok'>) =>
	fail(status, { ...outcome, ok: false } as Outcome);

export const load = (async ({ locals, url }) => {
	// The account manager's page: reading the staff list alone (coordinators) is not enough.
	authorize(locals.user, 'users', 'update', 'all');
	const parsed = users.userFilters.safeParse(queryObject(url.searchParams));
	const filters = parsed.success ? parsed.data : users.userFilters.parse({});
	return {
		list: await users.list(filters),
		filters,
		filterErrors: parsed.success ? {} : fieldErrors(parsed.error),
		roles: USER_ROLES,
		timeZone: DEFAULT_TIME_ZONE
	};
}) satisfies PageServerLoad;

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

export const actions = {
	create: async ({ locals, request, url }) => {
		authorize(locals.user, 'users', 'create', 'all');
		const form = await request.formData();
		const values = {
			name: text(form, 'name'),
			email: text(form, 'email'),
			role: text(form, 'role'),
			phone: text(form, 'phone')
		};
		const parsed = users.newUserSchema.safeParse({ ...values, password: text(form, 'password') });
		const message = 'Some fields need attention';
		if (!parsed.success) {
			return refuse(400, { action: 'create', message, fields: fieldErrors(parsed.error), values });
		}
		try {
			const invitation = { origin: config.origin ?? url.origin, invitedBy: locals.user!.name };
			const user = await users.create(parsed.data, invitation);
			return {
				action: 'create',
				ok: true,
				message: user.invited
					? `Invited ${user.name}: they have been emailed a link to choose a password`
					: `Created an account for ${user.name}`
			} satisfies Outcome;
		} catch (err) {
			const failure = describeDbError(err);
			if (!failure) throw err;
			return refuse(failure.status, {
				action: 'create',
				message: failure.message,
				fields: failure.fields,
				values
			});
		}
	},

	changeRole: async ({ locals, request }) => {
		const actor = locals.user!;
		authorize(actor, 'users', 'update', 'all');
		const form = await request.formData();
		const id = text(form, 'id');
		const role = users.newUserSchema.shape.role.safeParse(text(form, 'role'));
		if (!role.success) {
			return refuse(400, { action: 'changeRole', id, message: 'Choose a role from the list' });
		}
		const refusal = refuseSelfChange(actor, id, { role: role.data });
		if (refusal) return refuse(400, { action: 'changeRole', id, message: refusal });
		const user = isUuid(id) ? await users.changeRole(id, role.data) : null;
		if (!user)
			return refuse(404, { action: 'changeRole', id, message: 'That account no longer exists' });
		// A new role ends their sessions (services/users.ts), so they are told to expect it.
		const message = `${user.name} is now ${ROLE_LABELS[user.role]} and signs in again to use it`;
		return { action: 'changeRole', ok: true, id, message } satisfies Outcome;
	},

	setActive: async ({ locals, request }) => {
		const actor = locals.user!;
		authorize(actor, 'users', 'update', 'all');
		const form = await request.formData();
		const id = text(form, 'id');
		const active = text(form, 'active') === 'true';
		const refusal = refuseSelfChange(actor, id, { isActive: active });
		if (refusal) return refuse(400, { action: 'setActive', id, message: refusal });
		const user = isUuid(id) ? await users.setActive(id, active) : null;
		if (!user)
			return refuse(404, { action: 'setActive', id, message: 'That account no longer exists' });
		const message = `${user.name} is ${active ? 'active again' : 'deactivated and signed out'}`;
		return { action: 'setActive', ok: true, id, message } satisfies Outcome;
	},

	unlock: async ({ locals, request }) => {
		authorize(locals.user, 'users', 'update', 'all');
		const id = text(await request.formData(), 'id');
		const result = isUuid(id)
			? await users.unlock(id)
			: ({ ok: false, reason: 'not_found', message: 'No such user' } as const);
		if (!result.ok) {
			const message =
				result.reason === 'not_found' ? 'That account no longer exists' : result.message;
			return refuse(result.reason === 'not_found' ? 404 : 409, { action: 'unlock', id, message });
		}
		const message = `${result.user.name} is unlocked and can sign in now`;
		return { action: 'unlock', ok: true, id, message } satisfies Outcome;
	}
} satisfies Actions;
