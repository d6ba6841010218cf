import { error } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorize';
import { tx } from '$lib/server/db';
import { currentActor } from '$lib/server/db/context';
import { AuditLog } from '$lib/server/db/models';
import { isUuid } from '$lib/server/http/query';
import { getAccessReview } from '$lib/server/maintenance/access-review';
import type { RequestHandler } from './$types';

/** The quarterly access review's CSV, for super admins; each download is audited. */
export const GET: RequestHandler = async ({ locals, params }) => {
	authorize(locals.user, 'audit-logs', 'read', 'all');
	const review = isUuid(params.id) ? await getAccessReview(params.id) : null;
	if (!review) error(404, 'No such access review');
	const actor = currentActor();
	await tx(() =>
		AuditLog.create(
			{
				userId: actor.userId,
				action: 'access_review.download',
				tableName: 'access_reviews',
				recordId: review.id,
				oldValues: null,
				newValues: { period: review.period },
				ipAddress: actor.ip?.slice(0, 45) ?? null,
				userAgent: actor.userAgent ?? null
			},
			{ returning: false }
		)
	);
	return new Response(review.csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="access-review-${review.period}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
