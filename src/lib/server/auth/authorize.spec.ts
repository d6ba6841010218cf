import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { apiAuthorize, authorize } from './authorize';

const admin = { role: 'super_admin' as const };
const coordinator = { role: 'support_coordinator' as const };
const worker = { role: 'support_worker' as const };

function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (err) {
		return err;
	}
	throw new Error('expected a refusal');
}

describe('authorize (pages and form actions)', () => {
	it('answers the scope the policy grants', () => {
		expect(authorize(admin, 'users', 'create')).toBe('all');
		expect(authorize(worker, 'users', 'read')).toBe('own');
		expect(authorize(coordinator, 'record-history', 'read')).toBe('all');
	});

	it('shows the 403 page when the role is refused', () => {
		const err = thrown(() => authorize(worker, 'audit-logs', 'read'));
		expect(isHttpError(err, 403)).toBe(true);
		expect((err as { body: { message: string } }).body.message).toBe(
			'You do not have access to this'
		);
	});

	it('refuses a narrower scope than the one required', () => {
		expect(
			isHttpError(
				thrown(() => authorize(coordinator, 'users', 'update', 'all')),
				403
			)
		).toBe(true);
		expect(authorize(admin, 'users', 'update', 'own')).toBe('all');
	});

	it('answers 401 when nobody is signed in', () => {
		expect(
			isHttpError(
				thrown(() => authorize(null, 'users', 'read')),
				401
			)
		).toBe(true);
	});
});

describe('apiAuthorize (endpoints)', () => {
	it('gives the scope when allowed', () => {
		expect(apiAuthorize(coordinator, 'users', 'read')).toEqual({ ok: true, scope: 'all' });
	});

	it("answers the contract's JSON 403 when refused", async () => {
		const decision = apiAuthorize(worker, 'users', 'create');
		expect(decision.ok).toBe(false);
		if (decision.ok) return;
		expect(decision.response.status).toBe(403);
		expect(await decision.response.json()).toEqual({
			error: { code: 'forbidden', message: 'You do not have access to this' }
		});
	});

	it('answers 401 for an anonymous caller', () => {
		const decision = apiAuthorize(undefined, 'users', 'read');
		expect(!decision.ok && decision.response.status).toBe(401);
	});
});
