/**
 * The API's OpenAPI 3.1 document, built from the same zod schemas the endpoints validate with and
 * answer with (responses.ts), so the description cannot drift from what the server does. Each
 * resource registers its operations in `OPERATIONS`; /api/v1/openapi.json serves the result.
 */
import { z, type ZodType } from 'zod';
import { POLICY, type Action, type Resource, type Scope } from '../auth/permissions';
import { USER_ROLES } from '../../shared/enums';
import { apiSchemas } from './responses';

/** A status's description, or its description and the body it carries when not the usual one. */
export type Answer = string | { description: string; schema: ZodType };

export type Operation = {
	method: 'get' | 'post' | 'patch' | 'delete';
	path: string;
	/** Unique and camelCase (listParticipants, approveSessionLog): what generated clients call it. */
	operationId: string;
	summary: string;
	tag: string;
	/** Path parameters that are not record ids (every other `{name}` is a UUID). */
	params?: Record<string, ZodType>;
	query?: ZodType;
	body?: ZodType;
	/** A multipart/form-data body: these fields beside the uploaded `file`. */
	upload?: ZodType;
	/** The success answer: its JSON as a schema, or the media type of the file it sends. */
	result?: ZodType | { mediaType: string };
	/**
	 * Status → what it means. 401, 403 (see `permission`), 400 (with a body or query) and 415
	 * (with a JSON body) are added where they apply.
	 */
	responses: Record<number, Answer>;
	/**
	 * What the endpoint asks the policy (resource, action and the scope it needs): 403 is listed
	 * when some role is refused. 'signed-in': anyone signed in may call it. Absent: 403 is listed.
	 */
	permission?: [Resource, Action, Scope?] | 'signed-in';
	public?: boolean;
};

const REF = '#/components/schemas/';
const errorRef = { $ref: `${REF}Error` };

type JsonSchema = Record<string, unknown>;

/** A date or timestamp's format says all its long regular expression does. */
function tidy({ jsonSchema }: { jsonSchema: JsonSchema }) {
	if (jsonSchema.format === 'date' || jsonSchema.format === 'date-time') delete jsonSchema.pattern;
}

function inputSchema(schema: ZodType): JsonSchema {
	// 'input': what a client sends, before defaults and transforms.
	const { $schema: _, ...rest } = z.toJSONSchema(schema, {
		io: 'input',
		unrepresentable: 'any',
		override: tidy
	});
	return rest;
}

/** What the server sends; named schemas (responses.ts) become references to components. */
export function outputSchema(schema: ZodType): JsonSchema {
	const {
		$schema: _,
		$defs: __,
		...rest
	} = z.toJSONSchema(schema, {
		metadata: apiSchemas,
		io: 'output',
		unrepresentable: 'any',
		override: tidy
	});
	return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', `"${REF}`));
}

function components(): Record<string, JsonSchema> {
	const { schemas } = z.toJSONSchema(apiSchemas, {
		io: 'output',
		unrepresentable: 'any',
		override: tidy,
		uri: (id) => `${REF}${id}`
	});
	return Object.fromEntries(
		Object.entries(schemas).map(([name, schema]) => {
			const { $schema: _, $id: __, ...rest } = schema as JsonSchema;
			return [name, rest];
		})
	);
}

function parameters(query: ZodType | undefined) {
	if (!query) return [];
	const schema = inputSchema(query) as {
		properties?: Record<string, JsonSchema>;
		required?: string[];
	};
	return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
		name,
		in: 'query',
		required: schema.required?.includes(name) ?? false,
		schema: property
	}));
}

/** Whether some role is refused what the operation asks for. */
function someRoleRefused(op: Operation): boolean {
	if (op.permission === 'signed-in') return false;
	if (!op.permission) return true;
	const [resource, action, need] = op.permission;
	return USER_ROLES.some((role) => {
		const scope = POLICY[role][resource]?.[action];
		return !scope || (need !== undefined && scope !== need && scope !== 'all');
	});
}

const errorAnswer = (description: string) => ({
	description,
	content: { 'application/json': { schema: errorRef } }
});

function successContent(op: Operation) {
	if (!op.result) return undefined;
	if ('mediaType' in op.result) {
		const media = op.result.mediaType;
		return { [media]: { schema: { type: 'string', contentMediaType: media } } };
	}
	return { 'application/json': { schema: outputSchema(op.result) } };
}

function responsesOf(op: Operation) {
	const responses: Record<string, unknown> = {};
	for (const [status, answer] of Object.entries(op.responses)) {
		const description = typeof answer === 'string' ? answer : answer.description;
		if (typeof answer !== 'string') {
			const schema = outputSchema(answer.schema);
			responses[status] = { description, content: { 'application/json': { schema } } };
		} else if (Number(status) >= 400) {
			responses[status] = errorAnswer(description);
		} else {
			const content = Number(status) === 204 ? undefined : successContent(op);
			responses[status] = content ? { description, content } : { description };
		}
	}
	if (op.body || op.query || op.upload) {
		responses['400'] ??= errorAnswer('Invalid input, with a message per field');
	}
	if (!op.public) {
		responses['401'] ??= errorAnswer('Not signed in');
		if (someRoleRefused(op)) {
			responses['403'] ??= errorAnswer('Signed in, but the role may not do this');
		}
	}
	if (op.body) responses['415'] ??= errorAnswer('The body is not application/json');
	return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
}

function pathParameters(op: Operation) {
	return [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => {
		const own = op.params?.[name!];
		return {
			name,
			in: 'path',
			required: true,
			schema: own ? inputSchema(own) : { type: 'string', format: 'uuid' }
		};
	});
}

function requestBody(op: Operation) {
	if (op.body) {
		const schema = inputSchema(op.body);
		return { requestBody: { required: true, content: { 'application/json': { schema } } } };
	}
	if (!op.upload) return {};
	const fields = inputSchema(op.upload) as { properties?: JsonSchema; required?: string[] };
	const schema = {
		type: 'object',
		properties: {
			file: { type: 'string', contentMediaType: 'application/octet-stream' },
			...fields.properties
		},
		required: ['file', ...(fields.required ?? [])]
	};
	return { requestBody: { required: true, content: { 'multipart/form-data': { schema } } } };
}

export function buildDocument(operations: Operation[], version: string) {
	const paths: Record<string, Record<string, unknown>> = {};
	for (const op of operations) {
		(paths[op.path] ??= {})[op.method] = {
			operationId: op.operationId,
			tags: [op.tag],
			summary: op.summary,
			parameters: [...pathParameters(op), ...parameters(op.query)],
			...requestBody(op),
			...(op.public ? { security: [] } : {}),
			responses: responsesOf(op)
		};
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'NDIS Provider Platform API',
			version,
			description:
				'JSON API. Sign in with POST /api/v1/auth/login; the session cookie authenticates every other call. Lists take page, limit (at most 100), sort (field or -field) and q, and answer {data, total, page, limit}. Every failure answers {error: {code, message, fields?}}.'
		},
		servers: [{ url: '/' }],
		components: {
			securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'session' } },
			schemas: components()
		},
		security: [{ session: [] }],
		paths
	};
}
