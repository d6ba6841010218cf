import { metricsResponse } from '$lib/server/health';
import { metricsAccess } from '$lib/server/http/metrics-access';
import type { RequestHandler } from './$types';

const refusal = (status: 401 | 403, message: string, headers: Record<string, string> = {}) =>
	new Response(`${message}\n`, {
		status,
		headers: {
			'content-type': 'text/plain; charset=utf-8',
			'cache-control': 'no-store',
			...headers
		}
	});

/** Prometheus metrics, for METRICS_TOKEN's bearer or, without one, this machine only. */
export const GET: RequestHandler = ({ request, getClientAddress }) => {
	let address: string | null = null;
	try {
		address = getClientAddress();
	} catch {
		// Unattributed (a proxy header missing): not loopback, so refused without a token.
	}
	const access = metricsAccess(request.headers.get('authorization'), address);
	if (access === 'unauthorized') {
		return refusal(401, 'Send Authorization: Bearer <METRICS_TOKEN>', {
			'www-authenticate': 'Bearer realm="metrics"'
		});
	}
	if (access === 'forbidden') {
		return refusal(403, 'Metrics are served only to this machine unless METRICS_TOKEN is set');
	}
	return metricsResponse();
};
