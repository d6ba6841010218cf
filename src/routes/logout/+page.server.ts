import { redirect } from '@sveltejs/kit';
import { clientOf } from '$lib/server/auth/handle';
import { signOut } from '$lib/server/auth/login';
import { deleteSessionTokenCookie } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

// Signing out changes state, so it is a POST only; a stray GET just goes home.
export const load = (() => redirect(303, '/')) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { session, user } = event.locals;
		if (session && user) await signOut(session, user, clientOf(event));
		deleteSessionTokenCookie(event);
		redirect(303, '/login');
	}
} satisfies Actions;
