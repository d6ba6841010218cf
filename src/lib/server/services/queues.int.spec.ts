/**
 * The job administration API and page against the production server, as a super admin uses
 * them: counts per queue, "run now" (202 and the job's id; asking twice while it waits is the same
 * job), a failed job with its error, retried and removed; the access review's CSV; and nobody
 * else may do any of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropTestQueues, until, useTestQueues } from '../../../../tests/jobs';
import { createUser } from '../../../../tests/fixtures';
import { ensureBuild, killAll, startServer, type Started } from '../../../../tests/server-process';
import { queueFor } from '../../../jobs/registry';
import { startWorkers, type Workers } from '../../../jobs/worker';
import { createSession, generateSessionToken } from '../auth/session';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM } from '../db/context';
import type { User } from '../db/models';
import { runAccessReview } from '../maintenance/access-review';
import { closeRedis } from '../redis';

let server: Started;
let admin: User;
let coordinator: User;
let worker: User;
let workers: Workers | undefined;
const cookies = new Map<string, string>();

function call(method: string, path: string, user?: User) {
	return fetch(`${server.base}${path}`, {
		method,
		headers: { ...(user ? { cookie: cookies.get(user.id)! } : {}), origin: server.base },
		redirect: 'manual'
	});
}

beforeAll(async () => {
	ensureBuild();
	const prefix = await useTestQueues('admin');
	[admin, coordinator, worker] = await runAs(SYSTEM, () =>
		tx(async () => [
			await createUser('super_admin'),
			await createUser('support_coordinator'),
			await createUser('support_worker')
		])
	);
	for (const user of [admin, coordinator, worker]) {
		const token = generateSessionToken();
		await createSession(token, user.id);
		cookies.set(user.id, `session=${token}`);
	}
	server = await startServer({ LOG_LEVEL: 'warn', BULLMQ_PREFIX: prefix });
}, 90_000);

afterAll(async () => {
	await workers?.close();
	killAll();
	await dropTestQueues();
	await closeRedis();
	await closeDb();
});

describe('the queues API', () => {
	it('runs a job now and answers 202 with its id, once while it waits', async () => {
		for (const name of ['budget-usage', 'document-expiry', 'invoice-overdue', 'staff-stats']) {
			const first = await call('POST', `/api/v1/admin/jobs/${name}/run`, admin);
			expect(first.status, name).toBe(202);
			const { jobId } = (await first.json()) as { jobId: string };
			expect(
				await queueFor(
					name === 'budget-usage' || name === 'staff-stats' ? 'budgets' : 'records'
				).getJobState(jobId)
			).toBe('waiting');
			const again = await call('POST', `/api/v1/admin/jobs/${name}/run`, admin);
			expect(((await again.json()) as { jobId: string }).jobId).toBe(jobId);
		}
		expect((await call('POST', '/api/v1/admin/jobs/no-such-job/run', admin)).status).toBe(404);
		expect((await call('POST', '/api/v1/admin/jobs/send-mail/run', admin)).status).toBe(400);
	});

	it('shows each queue’s counts, and a failed job’s error to retry or remove', async () => {
		await queueFor('records').add('document-expiry', { documentId: 'not-an-id' });
		workers = await startWorkers({ queues: ['records'] });
		await until('the job to fail', async () => (await queueFor('records').getFailedCount()) > 0);
		const answer = await call('GET', '/api/v1/admin/queues', admin);
		expect(answer.status).toBe(200);
		const body = (await answer.json()) as {
			data: {
				name: string;
				counts: Record<string, number>;
				failed: { id: string; failedReason: string }[];
				schedules: { name: string; nextRun: string | null; timeZone: string | null }[];
			}[];
			runnable: { name: string }[];
		};
		expect(body.data.map((q) => q.name)).toEqual([
			'mail',
			'budgets',
			'records',
			'maintenance',
			'displays'
		]);
		const records = body.data.find((q) => q.name === 'records')!;
		expect(Object.keys(records.counts).sort()).toEqual(
			['active', 'completed', 'delayed', 'failed', 'waiting'].sort()
		);
		const failed = records.failed[0]!;
		expect(failed.failedReason).toBe(
			'invalid data for job "document-expiry": documentId: must be a document id'
		);
		const nightly = records.schedules.find((s) => s.name === 'document-expiry');
		expect(nightly).toMatchObject({ timeZone: 'Australia/Sydney' });
		expect(new Date(nightly!.nextRun!).getTime()).toBeGreaterThan(Date.now());
		expect(body.runnable.map((j) => j.name)).toEqual(
			expect.arrayContaining(['budget-usage', 'document-expiry', 'invoice-overdue', 'staff-stats'])
		);

		const retried = await call(
			'POST',
			`/api/v1/admin/queues/records/jobs/${failed.id}/retry`,
			admin
		);
		expect(retried.status).toBe(200);
		await until(
			'the retry to fail again',
			async () => (await queueFor('records').getJob(failed.id))?.attemptsMade === 2
		);
		expect(
			(await call('DELETE', `/api/v1/admin/queues/records/jobs/${failed.id}`, admin)).status
		).toBe(204);
		expect(await queueFor('records').getJob(failed.id)).toBeUndefined();
		expect(
			(await call('DELETE', `/api/v1/admin/queues/records/jobs/${failed.id}`, admin)).status
		).toBe(404);
	});

	it('is for super admins only', async () => {
		for (const user of [coordinator, worker]) {
			expect((await call('GET', '/api/v1/admin/queues', user)).status).toBe(403);
			expect((await call('POST', '/api/v1/admin/jobs/budget-usage/run', user)).status).toBe(403);
			expect((await call('GET', '/admin/queues', user)).status).toBe(403);
		}
		expect((await call('GET', '/api/v1/admin/queues')).status).toBe(401);
		const page = await call('GET', '/admin/queues', admin);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Jobs and schedules');
	});
});

describe('the access review download', () => {
	it('gives super admins the CSV, and nobody else', async () => {
		const review = await runAs(SYSTEM, () =>
			runAccessReview({ jobId: `test-${Date.now()}-${process.pid}` })
		);
		const csv = await call('GET', `/admin/access-reviews/${review.id}`, admin);
		expect(csv.status).toBe(200);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		expect(csv.headers.get('content-disposition')).toContain(
			`access-review-${review.summary.period}.csv`
		);
		expect(await csv.text()).toContain(admin.email);
		expect((await call('GET', `/admin/access-reviews/${review.id}`, coordinator)).status).toBe(403);
	});
});

describe('the budgets dashboard', () => {
	it('is for coordinators and administrators', async () => {
		const page = await call('GET', '/budgets', coordinator);
		expect(page.status).toBe(200);
		const html = await page.text();
		for (const heading of [
			'Budget burn per participant',
			'Spending too fast',
			'Underspent',
			'Spend by support category',
			'Sessions by status',
			'Invoices by status',
			'Documents expiring, next eight weeks'
		]) {
			expect(html).toContain(heading);
		}
		expect((await call('GET', '/budgets', worker)).status).toBe(403);
		expect((await call('GET', '/budgets?risk=overspending&months=12', admin)).status).toBe(200);
		expect((await call('GET', '/budgets?months=7&status=bogus', admin)).status).toBe(200);
	});
});
