/**
 * The global search box: participants by name or NDIS number, staff by name, documents by words
 * of their name or tags. Each part runs only for roles the policy lets read it, within their scope,
 * and under row-level security (tx), so a search can never show what a list would not.
 */
import { QueryTypes } from 'sequelize';
import { scopeOf } from '../auth/permissions';
import { db, tx } from '../db';
import type { UserRole } from '../../shared/enums';
import { participantFilters } from './participant-schema';
import * as participants from './participants';
import * as staff from './staff';

const LIMIT = 8;

export type SearchHit = { id: string; title: string; detail: string; href: string };
export type SearchResults = {
	participants: SearchHit[] | null;
	staff: SearchHit[] | null;
	documents: SearchHit[] | null;
};

type Searcher = { id: string; role: UserRole };

export async function search(rawQuery: string, user: Searcher): Promise<SearchResults> {
	const q = rawQuery.trim().slice(0, 100);
	const results: SearchResults = { participants: null, staff: null, documents: null };
	if (!q) return results;

	const participantScope = scopeOf(user.role, 'participants', 'read');
	if (participantScope) {
		const filters = participantFilters.parse({ q, limit: LIMIT });
		const found = await participants.list(filters, { id: user.id, scope: participantScope });
		results.participants = found.data.map((p) => ({
			id: p.id,
			title: p.name,
			detail: `NDIS ${p.ndisNumber}`,
			href: `/participants/${p.id}`
		}));
	}

	if (scopeOf(user.role, 'staff', 'read')) {
		const found = await staff.list(staff.staffFilters.parse({ q, limit: LIMIT }), user);
		results.staff = found.data.map((s) => ({
			id: s.id,
			title: s.name ?? 'Unnamed staff member',
			detail: s.specialization ?? s.role?.replace('_', ' ') ?? '',
			href: `/staff/${s.id}`
		}));
	}

	const documentScope = scopeOf(user.role, 'documents', 'read');
	if (documentScope) {
		// 'assigned' viewers: documents of their participants or their own uploads (RLS agrees).
		const scoped =
			documentScope === 'all'
				? ''
				: `AND (d.uploaded_by = $2 OR d.participant_id IN
					(SELECT participant_id FROM participant_staff WHERE user_id = $2))`;
		const rows = await tx((transaction) =>
			db().query<{ id: string; name: string; type: string; participant: string | null }>(
				`SELECT d.id, d.name, d.type, p.name AS participant
				FROM documents d LEFT JOIN participants p ON p.id = d.participant_id
				WHERE d.search_vector @@ websearch_to_tsquery('english', $1) ${scoped}
				ORDER BY ts_rank(d.search_vector, websearch_to_tsquery('english', $1)) DESC, d.name
				LIMIT ${LIMIT}`,
				{ bind: documentScope === 'all' ? [q] : [q, user.id], type: QueryTypes.SELECT, transaction }
			)
		);
		results.documents = rows.map((d) => ({
			id: d.id,
			title: d.name,
			detail: [d.type.replace('_', ' '), d.participant].filter(Boolean).join(' · '),
			href: `/documents/${d.id}/download`
		}));
	}
	return results;
}
