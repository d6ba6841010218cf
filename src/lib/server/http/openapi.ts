/**
 * The API's OpenAPI 3.1 document, built from the same zod schemas the endpoints validate with, so
 * the description cannot drift from what the server accepts. Each resource registers its
 * operations in `OPERATIONS`; /api/v1/openapi.json serves the result.
 */
import { z, type ZodType } from 'zod';

export type Operation = {
	method: 'get' | 'post' | 'patch' | 'delete';
	path: string;
	summary: string;
	tag: string;
	query?: ZodType;
	body?: ZodType;
	/** Status → description; 401/403/400 are added where they apply. */
	responses: Record<number, string>;
	public?: boolean;
};

const errorSchema = {
	type: 'object',
	required: ['error'],
	properties: {
		error: {
			type: 'object',
			required: ['code', 'message'],
			properties: {
				code: { type: 'string' },
				message: { type: 'string' },
				fields: { type: 'object', additionalProperties: { type: 'string' } }
			}
		}
	}
};

function jsonSchema(schema: ZodType) {
	// 'input': what a client sends, before defaults and transforms.
	const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
	return rest;
}

function parameters(query: ZodType | undefined) {
	if (!query) return undefined;
	const schema = jsonSchema(query) as { properties?: Record<string, unknown>; required?: string[] };
	return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
		name,
		in: 'query',
		required: schema.required?.includes(name) ?? false,
		schema: property
	}));
}

export function buildDocument(operations: Operation[], version: string) {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const op of operations) {
		const responses: Record<string, unknown> = {};
		for (const [status, description] of Object.entries(op.responses)) {
			responses[status] =
				Number(status) >= 400
					? {
							description,
							content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
						}
					: { description };
		}
		if (!op.public) {
			responses['401'] ??= {
				description: 'Not signed in',
				content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
			};
			responses['403'] ??= {
				description: 'Signed in, but the role may not do this',
				content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
			};
		}
		if (op.body || op.query) {
			responses['400'] ??= {
				description: 'Invalid input, with a message per field',
				content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
			};
		}
		const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
			name: m[1],
			in: 'path',
			required: true,
			schema: { type: 'string', format: 'uuid' }
		}));
		(paths[op.path] ??= {})[op.method] = {
			tags: [op.tag],
			summary: op.summary,
			parameters: [...pathParams, ...(parameters(op.query) ?? [])],
			...(op.body
				? {
						requestBody: {
							required: true,
							content: { 'application/json': { schema: jsonSchema(op.body) } }
						}
					}
				: {}),
			...(op.public ? { security: [] } : {}),
			responses
		};
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'NDIS Provider Platform API',
			version,
			description:
				'JSON API. Sign in with POST /api/v1/auth/login; the session cookie authenticates every other call. Lists take page, limit (at most 100), sort (field or -field) and q.'
		},
		servers: [{ url: '/' }],
		components: {
			securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'session' } },
			schemas: { Error: errorSchema }
		},
		security: [{ session: [] }],
		paths
	};
}
