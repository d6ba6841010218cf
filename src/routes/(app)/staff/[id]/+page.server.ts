import { error, fail } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { can } from '$lib/server/auth/permissions';
import { describeDbError } from '$lib/server/db/errors';
import { fieldErrors } from '$lib/server/http/errors';
import { isUuid } from '$lib/server/http/query';
import * as staff from '$lib/server/services/staff';
import { STAFF_STATUSES } from '$lib/shared/enums';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	authorize(locals.user, 'staff', 'read');
	const member = isUuid(params.id) ? await staff.get(params.id, locals.user!) : null;
	if (!member) error(404, 'No such staff member');
	return { member, canEdit: can(locals.user!.role, 'staff', 'update'), statuses: STAFF_STATUSES };
}) satisfies PageServerLoad;

function text(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

export const actions = {
	update: async ({ locals, params, request }) => {
		authorize(locals.user, 'staff', 'update', 'all');
		const form = await request.formData();
		const values = {
			specialization: text(form, 'specialization'),
			hourlyRate: text(form, 'hourlyRate'),
			certifications: text(form, 'certifications'),
			status: text(form, 'status')
		};
		const parsed = staff.staffPatchSchema.safeParse(values);
		if (!parsed.success) {
			return fail(400, {
				ok: false,
				message: 'Some fields need attention',
				fields: fieldErrors(parsed.error),
				values
			});
		}
		try {
			const member = isUuid(params.id)
				? await staff.update(params.id, parsed.data, locals.user!)
				: null;
			if (!member) error(404, 'No such staff member');
			return { ok: true, message: `Saved ${member.name ?? 'the staff member'}'s details` };
		} catch (err) {
			const failure = describeDbError(err);
			if (!failure) throw err;
			return fail(failure.status, {
				ok: false,
				message: failure.message,
				fields: failure.fields ?? {},
				values
			});
		}
	}
} satisfies Actions;
