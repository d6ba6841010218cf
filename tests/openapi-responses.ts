/**
 * Checks answers against the OpenAPI document: its schemas are JSON Schema 2020-12 (OpenAPI 3.1),
 * compiled by ajv with the formats (uuid, date, date-time, uri) enforced, and references to
 * `#/components/schemas/…` resolved against the document's own components.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its default export arrives wrapped under Node's ESM loader.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
	.default ?? addFormatsModule) as typeof addFormatsModule;

type Schema = Record<string, unknown>;
export type OpenApiDocument = {
	openapi: string;
	paths: Record<string, Record<string, OperationObject>>;
	components: { schemas: Record<string, Schema> };
};
export type OperationObject = {
	operationId?: string;
	parameters?: { name: string; in: string; required?: boolean; schema: Schema }[];
	requestBody?: unknown;
	responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
};

const COMPONENTS = 'https://ndis.invalid/components.json';

export function responseValidator(document: OpenApiDocument) {
	const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
	addFormats(ajv);
	const rewrite = (schema: unknown): Schema =>
		JSON.parse(
			JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${COMPONENTS}#/$defs/`)
		);
	ajv.addSchema({ $id: COMPONENTS, $defs: rewrite(document.components.schemas) });
	const compiled = new Map<string, ValidateFunction>();

	/** The compiled schema of one answer, or undefined when the document gives it no JSON body. */
	function schemaFor(path: string, method: string, status: number) {
		const key = `${method} ${path} ${status}`;
		if (!compiled.has(key)) {
			const response = document.paths[path]?.[method]?.responses[String(status)];
			const schema = response?.content?.['application/json']?.schema;
			if (!schema) return undefined;
			compiled.set(key, ajv.compile(rewrite(schema)));
		}
		return compiled.get(key);
	}

	/** Problems with `body` as the answer `status` to `method path`; empty when it fits. */
	function problems(path: string, method: string, status: number, body: unknown): string[] {
		const operation = document.paths[path]?.[method];
		if (!operation) return [`${method.toUpperCase()} ${path} is not in the document`];
		if (!operation.responses[String(status)]) {
			return [`${method.toUpperCase()} ${path} answered ${status}, which the document omits`];
		}
		const validate = schemaFor(path, method, status);
		if (!validate) return [`${method.toUpperCase()} ${path} ${status} has no JSON schema`];
		if (validate(body)) return [];
		return (validate.errors ?? []).map(
			(e) => `${method.toUpperCase()} ${path} ${status}: ${e.instancePath || '/'} ${e.message}`
		);
	}

	return { ajv, schemaFor, problems };
}
