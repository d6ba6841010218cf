import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { responseValidator, type OpenApiDocument } from '../../../../tests/openapi-responses';
import { OPERATIONS } from './api-operations';
import { buildDocument } from './openapi';

/** Every +server.ts under src/routes/api/v1, as the OpenAPI path it serves. */
function apiRoutes(dir = 'src/routes/api/v1', prefix = '/api/v1'): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir)) {
		const full = join(dir, entry);
		if (statSync(full).isDirectory()) {
			const segment = entry.replace(/^\[(\w+)\]$/, '{$1}');
			found.push(...apiRoutes(full, `${prefix}/${segment}`));
		} else if (entry === '+server.ts') found.push(prefix);
	}
	return found;
}

describe('OpenAPI document', () => {
	const document = buildDocument(OPERATIONS, '1');

	it('describes every API endpoint that exists, and none that does not', () => {
		expect(Object.keys(document.paths).sort()).toEqual(apiRoutes().sort());
	});

	it('takes request bodies and query parameters from the validation schemas', () => {
		const create = document.paths['/api/v1/users']?.post as {
			requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
		};
		expect(create.requestBody.content['application/json'].schema.required).toEqual(
			expect.arrayContaining(['email', 'name', 'role'])
		);
		const list = document.paths['/api/v1/users']?.get as { parameters: { name: string }[] };
		expect(list.parameters.map((p) => p.name)).toEqual(
			expect.arrayContaining(['q', 'role', 'page', 'limit'])
		);
	});

	const doc = document as unknown as OpenApiDocument;
	const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
		Object.entries(methods).map(([method, op]) => ({ path, method, op }))
	);

	it('is a valid OpenAPI 3.1 document', async () => {
		const result = await new Validator().validate(structuredClone(document));
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
	});

	it('names every operation once, in camelCase', () => {
		const ids = operations.map(({ op }) => op.operationId);
		for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('describes the body of every success, and every schema compiles as JSON Schema 2020-12', () => {
		const { schemaFor } = responseValidator(doc);
		const missing: string[] = [];
		for (const { path, method, op } of operations) {
			const successes = Object.keys(op.responses).filter((s) => s.startsWith('2'));
			// Refused by design (participants are never deleted): no success to describe.
			if (!op.responses['405']) expect(successes.length, `${method} ${path}`).toBeGreaterThan(0);
			for (const status of successes) {
				const content = op.responses[status]!.content;
				if (status === '204') expect(content, `${method} ${path} 204`).toBeUndefined();
				else if (!content) missing.push(`${method} ${path} ${status}`);
				else if (content['application/json']) schemaFor(path, method, Number(status));
			}
			for (const status of Object.keys(op.responses).filter((s) => Number(s) >= 400)) {
				expect(
					schemaFor(path, method, Number(status)),
					`${method} ${path} ${status}`
				).toBeDefined();
			}
		}
		expect(missing).toEqual([]);
	});

	it('lists the failures each operation can answer', () => {
		for (const { path, method, op } of operations) {
			const statuses = Object.keys(op.responses);
			const where = `${method} ${path}`;
			if (op.requestBody && path !== '/api/v1/documents') {
				expect(statuses, where).toEqual(expect.arrayContaining(['400', '415']));
			}
			if (op.parameters?.some((p) => p.in === 'query')) expect(statuses, where).toContain('400');
			if (!path.startsWith('/api/v1/auth/') && path !== '/api/v1/openapi.json') {
				expect(statuses, where).toContain('401');
			}
			if (path.includes('{') && !statuses.includes('405')) expect(statuses, where).toContain('404');
		}
		expect(Object.keys(doc.paths['/api/v1/documents']!.post!.responses)).toEqual(
			expect.arrayContaining(['400', '413', '415'])
		);
		expect(Object.keys(doc.paths['/api/v1/auth/login']!.post!.responses)).toContain('429');
		// Everyone signed in may read their own notifications; only some may list accounts' audit.
		expect(doc.paths['/api/v1/notifications']!.get!.responses['403']).toBeUndefined();
		expect(doc.paths['/api/v1/admin/queues']!.get!.responses['403']).toBeDefined();
	});

	it('gives path parameters their real formats, and calendar deletes their version', () => {
		const param = (path: string, method: string, name: string) =>
			doc.paths[path]![method]!.parameters!.find((p) => p.name === name)!;
		expect(param('/api/v1/users/{id}', 'get', 'id').schema).toEqual({
			type: 'string',
			format: 'uuid'
		});
		const job = param('/api/v1/admin/jobs/{name}/run', 'post', 'name').schema;
		expect(job.enum).toEqual(expect.arrayContaining(['budget-usage', 'document-expiry']));
		expect(job.enum).not.toContain('send-mail');
		const retry = '/api/v1/admin/queues/{queue}/jobs/{id}/retry';
		expect(param(retry, 'post', 'queue').schema.enum).toEqual(
			expect.arrayContaining(['mail', 'budgets'])
		);
		expect(param(retry, 'post', 'id').schema.format).toBeUndefined();
		const version = param('/api/v1/calendar-events/{id}', 'delete', 'version');
		expect(version).toMatchObject({ in: 'query', required: false, schema: { type: 'integer' } });
	});
});
