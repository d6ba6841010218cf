/**
 * Asking for a participant's budget to be recomputed now, from wherever their spending changed:
 * a session approved, rejected or edited, an invoice issued, changed or paid, the plan's budget
 * edited. The request goes through the outbox (src/lib/server/outbox.ts): written with the
 * caller's transaction, queued once it commits (so the job sees the change), kept while Redis is
 * away. It is deduplicated per participant: while one recompute waits, more requests add nothing;
 * while one runs, one more is kept to run after it, so a change committed mid-run is never missed.
 */
import { requestJob } from '../outbox';

const recompute = (participantId: string) =>
	({
		data: { participantId },
		options: { deduplication: { id: `budget-usage:${participantId}`, keepLastIfActive: true } }
	}) as const;

/** Queues recomputes once the current transaction commits (at once outside one); never throws. */
export function requestBudgetRecompute(participantIds: Iterable<string>): void {
	for (const id of new Set(participantIds)) {
		const { data, options } = recompute(id);
		requestJob('budget-usage', data, options);
	}
}
