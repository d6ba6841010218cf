import { json } from '@sveltejs/kit';
import { OPERATIONS } from '$lib/server/http/api-operations';
import { buildDocument } from '$lib/server/http/openapi';
import type { RequestHandler } from './$types';

const document = buildDocument(OPERATIONS, '1');

export const GET: RequestHandler = () => json(document);
