/** 'purge-expired': dead reset links, dead sign-in sessions and stale import previews, nightly. */
import { purgeExpired } from '../lib/server/maintenance/purge';
import type { JobDefinition } from './registry';

export const purgeExpiredJob: JobDefinition<Record<string, never>, 'purge-expired'> = {
	name: 'purge-expired',
	queue: 'maintenance',
	description: 'Deletes expired reset links and sign-in sessions, and stale catalogue previews',
	schedule: { pattern: '30 3 * * *' },
	attempts: 3,
	backoff: { type: 'exponential', delay: 60_000 },
	handler: () => purgeExpired()
};
