import { search } from '$lib/server/services/search';
import type { PageServerLoad } from './$types';

export const load = (async ({ url, locals }) => {
	const q = url.searchParams.get('q') ?? '';
	return { q, results: await search(q, locals.user!) };
}) satisfies PageServerLoad;
