/** 'analyze-tables': the weekly statistics update of the large tables (as owner). */
import { analyzeLargeTables } from '../lib/server/maintenance/analyze';
import { withOwner } from '../lib/server/maintenance/owner';
import type { JobDefinition } from './registry';

export const analyzeTablesJob: JobDefinition<Record<string, never>, 'analyze-tables'> = {
	name: 'analyze-tables',
	queue: 'maintenance',
	description: 'Updates the planner statistics of the large tables (ANALYZE)',
	// Sunday 04:00, when nobody is logging sessions.
	schedule: { pattern: '0 4 * * 0' },
	attempts: 2,
	backoff: { type: 'fixed', delay: 15 * 60_000 },
	async handler() {
		return { milliseconds: await withOwner((client) => analyzeLargeTables(client)) };
	}
};
