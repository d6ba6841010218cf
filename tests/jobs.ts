/**
 * For job tests: queues under a prefix of this run's own (real Redis, nothing shared with other
 * runs or the app's queues), emptied afterwards; and polling for what a job should bring about.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	closeQueues,
	QUEUE_NAMES,
	queueFor,
	queuePrefix,
	setQueuePrefixForTests
} from '../src/jobs/registry';
import { connectOwner } from '../src/lib/server/seed/db';
import { seedDemo } from '../src/lib/server/seed/demo';
import { ensureCatalogue } from '../src/lib/server/seed/test-catalogue';

export async function useTestQueues(label: string): Promise<string> {
	const prefix = `ndis-test-${label}-${Date.now().toString(36)}-${process.pid}`;
	await setQueuePrefixForTests(prefix);
	return prefix;
}

export async function dropTestQueues(): Promise<void> {
	if (!queuePrefix().startsWith('ndis-test-')) return;
	for (const name of QUEUE_NAMES) await queueFor(name).obliterate({ force: true });
	await closeQueues();
}

/** What a probe answers once it has succeeded: `x && Date.now()` is a number here, not `false`. */
type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

export async function until<T>(
	what: string,
	probe: () => Promise<T> | T,
	timeoutMs = 20_000,
	everyMs = 25
): Promise<Truthy<T>> {
	let last: T | undefined;
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
		last = await probe();
		if (last) return last as Truthy<T>;
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
	throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** The demo data set (idempotent), for tests that check jobs against it. */
export async function ensureDemo(): Promise<void> {
	const db = await connectOwner();
	const documentsDir = await mkdtemp(join(tmpdir(), 'ndis-demo-docs-'));
	try {
		await ensureCatalogue(db);
		await seedDemo(db, { documentsDir });
	} finally {
		await db.end();
		await rm(documentsDir, { recursive: true, force: true });
	}
}
