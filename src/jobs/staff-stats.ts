/**
 * 'staff-stats': each staff member's assigned participants and approved hours (staff_members),
 * nightly for everyone and for one worker after their session is approved.
 */
import { z } from 'zod';
import { tx } from '../lib/server/db';
import { txSql } from '../lib/server/sql';
import { recomputeStaffStats } from '../lib/server/staff/stats';
import { jobData } from './data';
import type { JobDefinition } from './registry';

const schema = z.strictObject({ userId: z.uuid('must be a user id').optional() });
export type StaffStatsData = z.infer<typeof schema>;

export const staffStatsJob: JobDefinition<StaffStatsData, 'staff-stats'> = {
	name: 'staff-stats',
	queue: 'budgets',
	description: "Staff members' assigned participants and approved hours",
	schedule: { pattern: '30 2 * * *' },
	attempts: 3,
	backoff: { type: 'exponential', delay: 10_000 },
	async handler(job) {
		const { userId } = jobData(schema, job);
		const changed = await tx((t) => recomputeStaffStats(txSql(t), userId ? [userId] : null));
		return { changed: changed.length };
	}
};
