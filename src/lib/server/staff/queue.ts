/**
 * Asking for staff members' figures to be recomputed once the current transaction commits,
 * through the outbox (src/lib/server/outbox.ts), so a Redis outage delays it instead of losing it.
 */
import { requestJob } from '../outbox';

export function requestStaffStats(userIds: Iterable<string>): void {
	for (const userId of new Set(userIds)) {
		requestJob(
			'staff-stats',
			{ userId },
			{ deduplication: { id: `staff-stats:${userId}`, keepLastIfActive: true } }
		);
	}
}
