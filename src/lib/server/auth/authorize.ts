/**
 * The one gate every route passes before it touches a service: asks the policy (permissions.ts)
 * and answers with the scope the caller acts in. Pages and form actions get SvelteKit's error page;
 * the API gets the contract's JSON error, so both refuse with the same words.
 */
import { error } from '@sveltejs/kit';
import type { UserRole } from '../../shared/enums';
import { jsonError } from '../http/errors';
import { scopeOf, type Action, type Resource, type Scope } from './permissions';

export type Caller = { role: UserRole } | null | undefined;

export const FORBIDDEN_MESSAGE = 'You do not have access to this';
const UNAUTHORIZED_MESSAGE = 'Sign in to continue';

/** 'all' reaches every record, so it satisfies any narrower requirement. */
function covers(scope: Scope, need: Scope | undefined): boolean {
	return need === undefined || scope === need || scope === 'all';
}

type Decision = { ok: true; scope: Scope } | { ok: false; status: 401 | 403 };

export function decide(user: Caller, resource: Resource, action: Action, need?: Scope): Decision {
	// The hooks already turn anonymous visitors away; this keeps a mis-wired route from leaking.
	if (!user) return { ok: false, status: 401 };
	const scope = scopeOf(user.role, resource, action);
	if (!scope || !covers(scope, need)) return { ok: false, status: 403 };
	return { ok: true, scope };
}

/** For loads and form actions: the scope, or SvelteKit's 401/403 error page. */
export function authorize(user: Caller, resource: Resource, action: Action, need?: Scope): Scope {
	const decision = decide(user, resource, action, need);
	if (decision.ok) return decision.scope;
	error(decision.status, decision.status === 401 ? UNAUTHORIZED_MESSAGE : FORBIDDEN_MESSAGE);
}

export type ApiDecision = { ok: true; scope: Scope } | { ok: false; response: Response };

/** For endpoints: the scope, or the contract's JSON 401/403 to return as it is. */
export function apiAuthorize(
	user: Caller,
	resource: Resource,
	action: Action,
	need?: Scope
): ApiDecision {
	const decision = decide(user, resource, action, need);
	if (decision.ok) return decision;
	return { ok: false, response: apiRefusal(decision.status) };
}

export function apiRefusal(status: 401 | 403 = 403): Response {
	return status === 401
		? jsonError(401, 'unauthorized', UNAUTHORIZED_MESSAGE)
		: jsonError(403, 'forbidden', FORBIDDEN_MESSAGE);
}
