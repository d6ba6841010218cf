import { loadWall } from '../display.server';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const { roster: _roster, ...wall } = await loadWall(event);
	return wall;
}) satisfies PageServerLoad;
