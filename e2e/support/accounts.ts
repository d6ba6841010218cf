/** Accounts the journeys sign in with: the demo seed's, plus one made only to be locked. */
export const DEMO_PASSWORD = 'demo-password-2026';
export const ADMIN = { email: 'admin@demo.test', password: DEMO_PASSWORD };
export const COORDINATOR = { email: 'coordinator@demo.test', password: DEMO_PASSWORD };
export const WORKER = { email: 'worker@demo.test', password: DEMO_PASSWORD };
export const ALLIED = { email: 'allied@demo.test', password: DEMO_PASSWORD };
export const LOCKED_USER = {
	email: 'locked-e2e@demo.test',
	name: 'Lockout Journey',
	password: 'locked-e2e-password-2026'
};
/** Locked afresh before every run (e2e/support/reset-auth.ts) for an administrator to unlock. */
export const UNLOCK_USER = {
	email: 'unlock-e2e@e2e.test',
	name: 'Una Unlock',
	password: 'unlock-e2e-password-2026'
};
export const E2E_EMAILS = [COORDINATOR.email, LOCKED_USER.email, 'nobody-e2e@demo.test'];
/** Made only for the password reset journey, which changes its password on every run. */
export const RESET_USER = {
	email: 'reset-e2e@demo.test',
	name: 'Reset Journey',
	password: 'reset-e2e-password-2026'
};
/** Has no account: the reset form must answer it exactly like a real one. */
export const NO_ACCOUNT_EMAIL = 'nobody-reset-e2e@demo.test';
/** Logs sessions in the approval journey; their sessions and notifications are cleared each run. */
export const SESSION_WORKER = {
	email: 'sessions-e2e@e2e.test',
	name: 'Sam Sessions',
	password: 'sessions-e2e-password-2026'
};
/**
 * Logs the sessions the queue's keyboard journey approves and rejects: its own account, so those
 * decisions never add to the approval journey's notifications; cleared each run the same way.
 */
export const QUEUE_WORKER = {
	email: 'queue-e2e@e2e.test',
	name: 'Quinn Queue',
	password: 'queue-e2e-password-2026'
};
/**
 * Rostered in the board journeys; their events, notifications and feed link are cleared each run.
 * Not @demo.test: the demo seed's test holds every @demo.test account to the demo's own data.
 */
export const ROSTER_WORKERS = [
	{ email: 'roster-a@e2e.test', name: 'Rory Roster', password: 'roster-e2e-password-2026' },
	{ email: 'roster-b@e2e.test', name: 'Bea Board', password: 'roster-e2e-password-2026' }
] as const;
