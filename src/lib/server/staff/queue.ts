/** Asking for staff members' figures to be recomputed once the current transaction commits. */
import { enqueueJob } from '../../../jobs/registry';
import { currentTransaction } from '../db/context';
import { logger } from '../logger';

export function requestStaffStats(userIds: Iterable<string>): void {
	const ids = [...new Set(userIds)];
	if (ids.length === 0) return;
	const send = () => {
		for (const userId of ids) {
			enqueueJob(
				'staff-stats',
				{ userId },
				{ deduplication: { id: `staff-stats:${userId}`, keepLastIfActive: true } }
			).catch((err: unknown) =>
				logger.error({ err, userId }, 'queueing a staff figures recompute failed')
			);
		}
	};
	const open = currentTransaction();
	if (open) open.afterCommit(send);
	else send();
}
