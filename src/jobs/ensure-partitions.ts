/** 'ensure-partitions': next twelve months of session and audit partitions, daily (as owner). */
import { z } from 'zod';
import { withOwner } from '../lib/server/maintenance/owner';
import { ensurePartitions } from '../lib/server/maintenance/partitions';
import { providerToday } from '../lib/server/provider';
import { providerSettings } from '../lib/server/provider-settings';
import { asDate, asOfField, jobData } from './data';
import type { JobDefinition } from './registry';

const schema = z.strictObject({ asOf: asOfField.optional() });

export const ensurePartitionsJob: JobDefinition<z.infer<typeof schema>, 'ensure-partitions'> = {
	name: 'ensure-partitions',
	queue: 'maintenance',
	description: 'Creates the next twelve months of session and audit partitions',
	schedule: { pattern: '0 3 * * *' },
	attempts: 3,
	backoff: { type: 'exponential', delay: 60_000 },
	async handler(job) {
		const today = providerToday(await providerSettings(), asDate(jobData(schema, job).asOf));
		return withOwner((client) => ensurePartitions(client, today));
	}
};
