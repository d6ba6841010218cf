/**
 * Running the budget recompute (recompute.ts) for the job: one participant right after a change to
 * their sessions or invoices, or everyone in batches at night. Each batch is its own transaction,
 * so a worker killed mid-run loses at most the batch it was in; the job records the last committed
 * participant id and a retry carries on from there (redoing a batch is harmless: it recomputes).
 *
 * After each commit, `budget:changed` goes to whoever may read the participant: every participant
 * a targeted run was asked about, and in a full run those whose used budget changed. The wall
 * displays get fresh aggregates once per run.
 */
import { QueryTypes } from 'sequelize';
import { db, tx } from '../db';
import { providerSettings } from '../provider-settings';
import { providerToday } from '../provider';
import { audienceByParticipant, publish } from '../realtime/publish';
import { txSql } from '../sql';
import { publishWalls } from '../wall/figures';
import type { BudgetEvent } from '../../shared/realtime';
import { recomputeBatch, type BudgetFigures, type BudgetRules } from './recompute';

export const DEFAULT_BATCH = 1000;

export type RecomputeOptions = {
	/** Only this participant (after an approval, a rejection, an edit, an invoice change). */
	participantId?: string;
	/** The instant whose provider-local date is "today" (tests; default now). */
	asOf?: Date;
	batchSize?: number;
	/** Carry on after this participant id (a retried full run). */
	resumeAfter?: string | null;
	/** Called after each committed batch with the last participant id in it. */
	onBatch?: (progress: { after: string; participants: number; changed: number }) => Promise<void>;
};

export type RecomputeResult = {
	today: string;
	participants: number;
	changed: number;
	batches: number;
};

export function toEvent(f: BudgetFigures): BudgetEvent {
	return {
		participantId: f.participantId,
		totalBudget: f.totalBudget,
		usedBudget: f.usedBudget,
		usedPercent: f.usedPercent,
		planElapsedPercent: f.planElapsedPercent,
		burnRatePerDay: f.burnRatePerDay,
		projectedExhaustionDate: f.projectedExhaustionDate,
		risk: f.risk
	};
}

async function announce(figures: BudgetFigures[]): Promise<void> {
	if (figures.length === 0) return;
	const rooms = await audienceByParticipant(
		'participants',
		figures.map((f) => f.participantId)
	);
	for (const f of figures) publish(rooms.get(f.participantId) ?? [], 'budget:changed', toEvent(f));
}

export async function budgetRules(asOf = new Date()): Promise<BudgetRules> {
	const settings = await providerSettings();
	return {
		today: providerToday(settings, asOf),
		atRiskPercent: settings.atRiskPercent,
		burnWindowDays: settings.burnWindowDays,
		planEndingDays: settings.planEndingDays,
		underspendPercent: settings.underspendPercent
	};
}

/** Call as the 'system' actor (the worker does). */
export async function recomputeBudgets(options: RecomputeOptions = {}): Promise<RecomputeResult> {
	const rules = await budgetRules(options.asOf);
	if (options.participantId) {
		const { figures } = await tx((t) => recomputeBatch(txSql(t), [options.participantId!], rules));
		await announce(figures);
		await publishWalls('budget');
		return {
			today: rules.today,
			participants: figures.length,
			changed: figures.length,
			batches: 1
		};
	}
	const size = options.batchSize ?? DEFAULT_BATCH;
	let after = options.resumeAfter ?? null;
	const result: RecomputeResult = { today: rules.today, participants: 0, changed: 0, batches: 0 };
	for (;;) {
		const batch = await tx(async (t) => {
			const ids = await db().query<{ id: string }>(
				`SELECT id::text AS id FROM participants WHERE ($1::uuid IS NULL OR id > $1::uuid)
				ORDER BY id LIMIT $2`,
				{ bind: [after, size], type: QueryTypes.SELECT, transaction: t }
			);
			const outcome = await recomputeBatch(
				txSql(t),
				ids.map((r) => r.id),
				rules
			);
			return { ids, ...outcome };
		});
		if (batch.ids.length === 0) break;
		after = batch.ids[batch.ids.length - 1]!.id;
		result.batches += 1;
		result.participants += batch.figures.length;
		result.changed += batch.changed.size;
		await announce(batch.figures.filter((f) => batch.changed.has(f.participantId)));
		await options.onBatch?.({
			after,
			participants: result.participants,
			changed: result.changed
		});
		if (batch.ids.length < size) break;
	}
	await publishWalls('budget');
	return result;
}
