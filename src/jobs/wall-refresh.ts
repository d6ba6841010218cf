/**
 * 'wall-refresh': every minute, fresh figures for the wall displays. Budgets are also pushed the
 * moment they change; this catches what changes with the clock (who is on shift now) and what
 * other parts of the app change without telling the walls (the roster).
 */
import { publishWalls } from '../lib/server/wall/figures';
import type { JobDefinition } from './registry';

export const wallRefreshJob: JobDefinition<Record<string, never>, 'wall-refresh'> = {
	name: 'wall-refresh',
	queue: 'displays',
	description: 'Sends the wall displays fresh budget and roster figures',
	schedule: { every: 60_000 },
	// A minute's figures are stale a minute later: no retries, and little history.
	removeOnComplete: { count: 20 },
	removeOnFail: { count: 100 },
	async handler() {
		await publishWalls('both');
	}
};
