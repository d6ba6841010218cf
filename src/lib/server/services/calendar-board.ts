/**
 * What the roster board needs besides the events: its rows (staff, with whether they are on leave
 * or inactive, so the board can grey them out before a drop is refused) and the participants its
 * dialog and filters offer. Coordinators see everyone; frontline staff only themselves and their
 * participants.
 */
import { QueryTypes } from 'sequelize';
import { scopeOf } from '../auth/permissions';
import { db, tx } from '../db';
import { staffLabels } from '../../shared/calendar';
import type { StaffStatus, UserRole } from '../../shared/enums';

/** `label` is the name shown on the board: the name, told apart from namesakes (staffLabels). */
export type BoardStaff = {
	id: string;
	name: string;
	label: string;
	role: UserRole;
	status: StaffStatus;
};
export type BoardParticipant = { id: string; name: string };

// Frontline staff first: they are most of the rows a coordinator works with.
const ROLE_ORDER = `CASE u.role WHEN 'support_worker' THEN 0 WHEN 'allied_health' THEN 1
	WHEN 'support_coordinator' THEN 2 ELSE 3 END`;

export async function boardOptions(actor: { id: string; role: UserRole }) {
	const everyone = scopeOf(actor.role, 'calendar-events', 'read') === 'all';
	const participantScope = scopeOf(actor.role, 'participants', 'read');
	return tx(async (t) => {
		const rows = await db().query<Omit<BoardStaff, 'label'> & { email: string }>(
			`SELECT u.id, u.name, u.email, u.role, coalesce(s.status, 'active') AS status
			FROM users u LEFT JOIN staff_members s ON s.user_id = u.id
			WHERE u.is_active ${everyone ? '' : 'AND u.id = $1'}
			ORDER BY ${ROLE_ORDER}, u.name`,
			{ bind: everyone ? [] : [actor.id], type: QueryTypes.SELECT, transaction: t }
		);
		const labels = staffLabels(rows);
		// The email only tells namesakes apart; it is not sent on its own.
		const staff: BoardStaff[] = rows.map(({ email: _email, ...s }) => ({
			...s,
			label: labels.get(s.id)!
		}));
		// Row-level security already narrows participants to the actor's own for frontline staff.
		const participants = participantScope
			? await db().query<BoardParticipant>(
					`SELECT id, name FROM participants WHERE status <> 'inactive' ORDER BY name LIMIT 2000`,
					{ type: QueryTypes.SELECT, transaction: t }
				)
			: [];
		return { staff, participants };
	});
}
