import { authorize } from '$lib/server/auth/authorize';
import { keepsMail } from '$lib/server/mail';
import { keptMail } from '$lib/server/mail/outbox';
import type { PageServerLoad } from './$types';

// Reset links and invitations for other people are in here: super admins only, as the policy says.
export const load = (async ({ locals }) => {
	authorize(locals.user, 'mail', 'read', 'all');
	const keeps = keepsMail();
	return { keeps, messages: keeps ? await keptMail() : [] };
}) satisfies PageServerLoad;
