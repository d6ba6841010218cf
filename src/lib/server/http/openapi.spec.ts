import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
});
