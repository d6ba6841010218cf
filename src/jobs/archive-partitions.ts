/** 'archive-partitions': months older than the 7-year retention move to the archive schema. */
import { z } from 'zod';
import { archiveOldPartitions } from '../lib/server/maintenance/archive';
import { withOwner } from '../lib/server/maintenance/owner';
import { providerToday } from '../lib/server/provider';
import { providerSettings } from '../lib/server/provider-settings';
import { asDate, asOfField, jobData } from './data';
import type { JobDefinition } from './registry';

const schema = z.strictObject({ asOf: asOfField.optional() });

export const archivePartitionsJob: JobDefinition<z.infer<typeof schema>, 'archive-partitions'> = {
	name: 'archive-partitions',
	queue: 'maintenance',
	description: 'Moves months older than 7 years out of the live tables, into the archive schema',
	schedule: { pattern: '0 5 1 * *' },
	attempts: 2,
	backoff: { type: 'fixed', delay: 60 * 60_000 },
	async handler(job) {
		const today = providerToday(await providerSettings(), asDate(jobData(schema, job).asOf));
		return withOwner((client) => archiveOldPartitions(client, today));
	}
};
