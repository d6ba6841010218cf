/**
 * Mail through the queue as a recipient experiences it, against the real Redis and an SMTP server
 * started here: a queued message arrives; a server that says "try later" gets it later, once; a
 * message that can never be sent fails at once; nothing queued is lost while no worker runs; and
 * `npm run worker` delivers and stops cleanly on SIGTERM. Every run has a BullMQ prefix of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSmtpUrlForTests } from '../lib/server/mail';
import { enqueueMail } from '../lib/server/mail/queue';
import { closeQueues, enqueueJob, queueFor, setQueuePrefixForTests } from './registry';
import { startWorkers, type Workers } from './worker';

const run = `${Date.now().toString(36)}-${process.pid}`;
const prefix = `ndis-test-${run}`;
let counter = 0;
const address = (label: string) => `${label}-${run}-${++counter}@test.example`;

const received: ParsedMail[] = [];
// Recipients the server turns away with "451 try again later", and how many more times.
const refusals = new Map<string, number>();
const rcptTimes = new Map<string, number[]>();

const smtp = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	logger: false,
	onRcptTo(rcpt, _session, callback) {
		const to = rcpt.address;
		rcptTimes.set(to, [...(rcptTimes.get(to) ?? []), Date.now()]);
		const left = refusals.get(to) ?? 0;
		if (left > 0) {
			refusals.set(to, left - 1);
			const busy = Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 });
			return callback(busy);
		}
		callback();
	},
	onData(stream, _session, callback) {
		simpleParser(stream).then(
			(mail) => {
				received.push(mail);
				callback();
			},
			(err: Error) => callback(err)
		);
	}
});
let smtpUrl = '';
let workers: Workers | undefined;

function mailsTo(to: string): ParsedMail[] {
	return received.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === to);
}

async function until<T>(what: string, probe: () => Promise<T> | T, timeoutMs = 20_000) {
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
		const value = await probe();
		if (value) return value;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	throw new Error(`timed out waiting for ${what}`);
}

const jobState = (id: string) => queueFor('mail').getJobState(id);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
	setSmtpUrlForTests(smtpUrl);
	await setQueuePrefixForTests(prefix);
	workers = await startWorkers({ queues: ['mail'] });
});

afterAll(async () => {
	await workers?.close();
	await queueFor('mail').obliterate({ force: true });
	await closeQueues();
	setSmtpUrlForTests(null);
	await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('the send-mail job', () => {
	it('delivers a queued message to its recipient with its subject and text', async () => {
		const to = address('welcome');
		const id = await enqueueMail({
			to,
			subject: 'Your roster for next week',
			text: 'Hello,\n\nYour shifts for next week are ready.\n'
		});

		await until('the message', () => mailsTo(to).length > 0);
		const [mail] = mailsTo(to);
		expect(mail?.subject).toBe('Your roster for next week');
		expect(mail?.text).toBe('Hello,\n\nYour shifts for next week are ready.\n');
		expect(mail?.from?.text).toContain('no-reply@localhost');
		await until('the job to complete', async () => (await jobState(id)) === 'completed');
	});

	it('retries with exponential backoff while the server says "try later", then delivers once', async () => {
		const to = address('retry');
		refusals.set(to, 3);
		const id = await enqueueJob(
			'send-mail',
			{ to, subject: 'Invoice INV-2026-0042', text: 'Your invoice is attached.' },
			{ backoff: { type: 'exponential', delay: 40 } }
		);

		await until('the job to complete', async () => (await jobState(id)) === 'completed');
		const job = await queueFor('mail').getJob(id);
		expect(job?.attemptsMade).toBe(4);
		// Four tries, each after a longer wait than the one before it: 40, 80, 160 ms.
		const times = rcptTimes.get(to) ?? [];
		expect(times).toHaveLength(4);
		const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
		gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(40 * 2 ** i));

		await sleep(200);
		expect(mailsTo(to).map((mail) => mail.subject)).toEqual(['Invoice INV-2026-0042']);
	});

	it('fails a message that can never be sent at once, without retrying it', async () => {
		const id = await enqueueJob('send-mail', { to: 'not an address', subject: ' ', text: 'x' });

		await until('the job to fail', async () => (await jobState(id)) === 'failed');
		const job = await queueFor('mail').getJob(id);
		expect(job?.attemptsMade).toBe(1);
		expect(job?.opts.attempts).toBe(8);
		expect(job?.failedReason).toBe(
			'invalid mail: to: must be an email address; subject: must not be empty'
		);
		expect(rcptTimes.has('not an address')).toBe(false);
	});

	it('refuses a malformed message at the producer, before it is queued', async () => {
		const before = await queueFor('mail').count();
		await expect(
			enqueueMail({ to: address('ok'), subject: 'two\nlines', text: 'Body' })
		).rejects.toThrow('invalid mail: subject: must be one line');
		expect(await queueFor('mail').count()).toBe(before);
	});

	it('queues a message once per jobId, however often it is asked for', async () => {
		const to = address('once');
		const mail = { to, subject: 'Account locked', text: 'Your account was locked.' };
		const jobId = `lockout-${run}`;
		const ids = await Promise.all([enqueueMail(mail, { jobId }), enqueueMail(mail, { jobId })]);

		expect(ids).toEqual([jobId, jobId]);
		await until('the job to complete', async () => (await jobState(jobId)) === 'completed');
		expect(await enqueueMail(mail, { jobId })).toBe(jobId);
		await sleep(200);
		expect(mailsTo(to)).toHaveLength(1);
	});

	it('loses nothing queued while no worker runs: a worker started later delivers it', async () => {
		await workers?.close();
		workers = undefined;
		const to = address('restart');
		const id = await enqueueMail({ to, subject: 'Plan review due', text: 'Book the review.' });

		await sleep(300);
		expect(await jobState(id)).toBe('waiting');
		expect(mailsTo(to)).toHaveLength(0);

		workers = await startWorkers({ queues: ['mail'] });
		await until('the message', () => mailsTo(to).length === 1);
		await until('the job to complete', async () => (await jobState(id)) === 'completed');
	});
});

describe('the worker', () => {
	it('fails a job no handler is registered for, without retrying it', async () => {
		workers ??= await startWorkers({ queues: ['mail'] });
		const job = await queueFor('mail').add('no-such-job', {}, { attempts: 3 });
		const id = job.id ?? '';

		await until('the job to fail', async () => (await jobState(id)) === 'failed');
		const failed = await queueFor('mail').getJob(id);
		expect(failed?.failedReason).toBe('no handler for job "no-such-job" on queue "mail"');
		expect(failed?.attemptsMade).toBe(1);
	});

	it('removes a schedule that is no longer defined when it starts', async () => {
		await queueFor('mail').upsertJobScheduler('retired-digest', { pattern: '0 3 * * *' });
		await workers?.close();
		workers = await startWorkers({ queues: ['mail'] });

		const schedulers = await queueFor('mail').getJobSchedulers();
		expect(schedulers.map((s) => s.key)).not.toContain('retired-digest');
	});
});

describe('npm run worker', () => {
	let child: ChildProcess | undefined;

	// tsx runs the worker in a child process of its own: a test that failed kills the whole group.
	afterAll(() => {
		if (!child?.pid || child.exitCode !== null) return;
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
	});

	it('delivers what was queued before it started, then stops cleanly on SIGTERM', async () => {
		await workers?.close();
		workers = undefined;
		const to = address('process');
		await enqueueMail({
			to,
			subject: 'Sent by the worker process',
			text: 'Hello from npm run worker.'
		});

		// tsx itself, as `npm run worker` runs it: npm exits at SIGTERM without passing it on.
		child = spawn('node_modules/.bin/tsx', ['src/jobs/worker.ts'], {
			env: {
				...process.env,
				NODE_ENV: 'test',
				BULLMQ_PREFIX: prefix,
				SMTP_URL: smtpUrl,
				LOG_LEVEL: 'info'
			},
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true
		});
		let log = '';
		child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
		const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));

		await until('the worker to be ready', () => log.includes('"msg":"worker ready"'), 30_000);
		await until('the message', () => mailsTo(to).length > 0);
		const [mail] = mailsTo(to);
		expect(mail?.text?.trim()).toBe('Hello from npm run worker.');

		const stoppedAt = Date.now();
		child.kill('SIGTERM');
		const code = await Promise.race([exited, sleep(10_000).then(() => 'still running')]);
		expect(code, log).toBe(0);
		expect(Date.now() - stoppedAt).toBeLessThan(10_000);
		expect(log).toContain('"msg":"stopped"');
		expect(log).not.toMatch(/"level":(50|60)/);
	});
});
