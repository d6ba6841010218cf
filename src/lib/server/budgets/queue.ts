/**
 * Asking for a participant's budget to be recomputed now, from wherever their spending changed:
 * a session approved, rejected or edited, an invoice issued, changed or paid, the plan's budget
 * edited. The request is queued once the caller's transaction commits (so the job sees the change)
 * and deduplicated per participant: while one recompute waits, more requests add nothing; while
 * one runs, one more is kept to run after it, so a change committed mid-run is never missed.
 */
import { enqueueJob } from '../../../jobs/registry';
import { currentTransaction } from '../db/context';
import { logger } from '../logger';

export function queueBudgetRecompute(participantId: string): Promise<string> {
	return enqueueJob(
		'budget-usage',
		{ participantId },
		{ deduplication: { id: `budget-usage:${participantId}`, keepLastIfActive: true } }
	);
}

/** Queues recomputes after the current transaction commits (at once outside one); never throws. */
export function requestBudgetRecompute(participantIds: Iterable<string>): void {
	const ids = [...new Set(participantIds)];
	if (ids.length === 0) return;
	const send = () => {
		for (const id of ids) {
			queueBudgetRecompute(id).catch((err: unknown) =>
				// The nightly run catches up whatever a lost request missed.
				logger.error({ err, participantId: id }, 'queueing a budget recompute failed')
			);
		}
	};
	const open = currentTransaction();
	if (open) open.afterCommit(send);
	else send();
}
