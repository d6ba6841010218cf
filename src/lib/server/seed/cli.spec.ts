/** scripts/seed.ts as a shell user meets it: usage errors exit 2, the production guard exits 1. */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

function seed(args: string[], env: Record<string, string> = {}) {
	const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', ...args], {
		env: { ...process.env, ...env },
		encoding: 'utf8',
		timeout: 30_000
	});
	return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('npm run seed', () => {
	it.each([
		[[], /exactly one of --demo/],
		[['--scale'], /--scale/],
		[['--scale', 'abc'], /whole number from 1 to 1000000/],
		[['--scale', '0'], /whole number from 1 to 1000000/],
		[['--scale', '2.5'], /whole number/],
		[['--scale', '1000001'], /whole number/],
		[['--demo', '--scale', '5'], /exactly one of/],
		[['--demo', 'extra'], /Unexpected argument/],
		[['--bogus'], /Unknown option/]
	])('rejects %j with a usage message and exit code 2', (args, message) => {
		const run = seed(args);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(message);
		expect(run.stderr).toMatch(/usage: npm run seed/);
	});

	it('refuses demo data in production, before touching any database', () => {
		const run = seed(['--demo'], {
			NODE_ENV: 'production',
			ENCRYPTION_KEY: randomBytes(32).toString('base64'),
			DATABASE_OWNER_URL: 'postgres://nobody:nothing@127.0.0.1:1/none'
		});
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/refusing --demo with NODE_ENV=production/);
		expect(run.stdout).not.toMatch(/demo-password/);
	});
});
