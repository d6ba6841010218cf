import { error, fail } from '@sveltejs/kit';
import { changeOwnPassword } from '$lib/server/auth/account';
import { authorize } from '$lib/server/auth/authorize';
import { changePasswordSchema, PASSWORD_MIN_LENGTH } from '$lib/server/auth/schemas';
import { describeDbError } from '$lib/server/db/errors';
import { fieldErrors } from '$lib/server/http/errors';
import * as settings from '$lib/server/services/settings';
import * as users from '$lib/server/services/users';
import { PREFERENCE_KEYS } from '$lib/shared/preferences';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	authorize(locals.user, 'settings-me', 'read', 'own');
	const account = await users.get(locals.user!.id);
	if (!account) error(404, 'Your account no longer exists');
	return {
		prefs: await settings.getMine(locals.user!.id),
		account: { name: account.name, email: account.email, phone: account.phone },
		passwordMinLength: PASSWORD_MIN_LENGTH
	};
}) satisfies PageServerLoad;

export const actions = {
	/** The whole form at once: an unticked checkbox sends nothing, which is its 'false'. */
	save: async ({ locals, request }) => {
		authorize(locals.user, 'settings-me', 'update', 'own');
		const userId = locals.user!.id;
		const form = await request.formData();
		const fields: Record<string, string> = {};
		for (const key of PREFERENCE_KEYS) {
			const raw = form.get(key);
			const outcome = await settings.setMine(userId, key, typeof raw === 'string' ? raw : 'false');
			if (!outcome.ok) fields[key] = outcome.fields?.value ?? outcome.message;
		}
		if (Object.keys(fields).length > 0) {
			return fail(400, { ok: false, message: 'Some preferences need attention', fields });
		}
		return { ok: true, message: 'Your preferences are saved', fields };
	},

	/** Name and phone (the email is changed by an administrator: it is how people sign in). */
	profile: async ({ locals, request }) => {
		authorize(locals.user, 'users', 'update', 'own');
		const form = await request.formData();
		const values = { name: String(form.get('name') ?? ''), phone: String(form.get('phone') ?? '') };
		const parsed = users.profileSchema.safeParse(values);
		if (!parsed.success) {
			const message = 'Some details need attention';
			return fail(400, {
				section: 'profile',
				ok: false,
				message,
				fields: fieldErrors(parsed.error),
				values
			});
		}
		try {
			await users.update(locals.user!.id, parsed.data);
		} catch (err) {
			const failure = describeDbError(err);
			if (!failure) throw err;
			const fields = failure.fields ?? {};
			return fail(failure.status, {
				section: 'profile',
				ok: false,
				message: failure.message,
				fields,
				values
			});
		}
		return { section: 'profile', ok: true, message: 'Your details are saved', fields: {}, values };
	},

	/** A new password: the current one first; every other session of this person ends. */
	password: async ({ locals, request }) => {
		authorize(locals.user, 'users', 'update', 'own');
		const form = await request.formData();
		const parsed = changePasswordSchema.safeParse({
			currentPassword: String(form.get('currentPassword') ?? ''),
			password: String(form.get('password') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		});
		// Passwords are never sent back to the page, typed or not.
		if (!parsed.success) {
			const message = 'Your password was not changed';
			return fail(400, {
				section: 'password',
				ok: false,
				message,
				fields: fieldErrors(parsed.error)
			});
		}
		const result = await changeOwnPassword(locals.user!.id, locals.session!.id, parsed.data);
		if (!result.ok) {
			return fail(result.status, {
				section: 'password',
				ok: false,
				message: result.message,
				fields: result.fields
			});
		}
		const others = result.endedSessions;
		const message =
			others === 0
				? 'Your password is changed'
				: `Your password is changed, and you are signed out everywhere else (${others} other ${others === 1 ? 'session' : 'sessions'})`;
		return { section: 'password', ok: true, message, fields: {} };
	}
} satisfies Actions;
