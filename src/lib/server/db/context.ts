/**
 * Who is acting, and the transaction they act in.
 *
 * `runAs(actor, fn)` records the actor for everything `fn` does (AsyncLocalStorage); hooks call it
 * once per request, jobs and the CLI call it with the 'system' actor. `tx(fn)` opens a transaction
 * that sets app.user_id, app.role, app.ip and app.user_agent with SET LOCAL, which row-level
 * security and the audit trigger read (migrations/0009_identity.ts). Every query inside `fn`
 * joins that transaction on its own (Sequelize CLS), and a nested `tx` reuses it, so a service's
 * change and its audit row commit or roll back together.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transaction } from 'sequelize';
import type { UserRole } from '../../shared/enums';

export type ActorRole = UserRole | 'system';
export type Actor = {
	userId: string | null;
	role: ActorRole | null;
	ip?: string | null;
	userAgent?: string | null;
};

export const SYSTEM: Actor = { userId: null, role: 'system' };
const ANONYMOUS: Actor = { userId: null, role: null };

const actors = new AsyncLocalStorage<Actor>();

export function runAs<T>(actor: Actor, fn: () => T): T {
	return actors.run(actor, fn);
}

export function currentActor(): Actor {
	return actors.getStore() ?? ANONYMOUS;
}

/**
 * The namespace Sequelize's CLS support expects (get/set/run/bind), over AsyncLocalStorage.
 * Sequelize stores the current transaction in it; queries without an explicit transaction use it.
 */
const slots = new AsyncLocalStorage<Map<string, unknown>>();
export const clsNamespace = {
	get(key: string): unknown {
		return slots.getStore()?.get(key);
	},
	set(key: string, value: unknown): void {
		slots.getStore()?.set(key, value);
	},
	run(fn: (context: Map<string, unknown>) => void): Map<string, unknown> {
		const context = new Map(slots.getStore() ?? []);
		slots.run(context, () => fn(context));
		return context;
	},
	runAndReturn<T>(fn: (context: Map<string, unknown>) => T): T {
		const context = new Map(slots.getStore() ?? []);
		return slots.run(context, () => fn(context));
	},
	bind<F>(fn: F): F {
		return fn;
	},
	get active(): Map<string, unknown> | undefined {
		return slots.getStore();
	}
};

export function currentTransaction(): Transaction | undefined {
	return clsNamespace.get('transaction') as Transaction | undefined;
}

/** The SET LOCAL statement for an actor, as one round trip. */
export const CONTEXT_SQL = `SELECT set_config('app.user_id', $1, true), set_config('app.role', $2, true),
	set_config('app.ip', $3, true), set_config('app.user_agent', $4, true)`;

export function contextParams(actor: Actor): string[] {
	return [
		actor.userId ?? '',
		actor.role ?? '',
		actor.ip ?? '',
		(actor.userAgent ?? '').slice(0, 500)
	];
}
