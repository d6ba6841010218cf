/** Accounts the journeys sign in with: the demo seed's, plus one made only to be locked. */
export const DEMO_PASSWORD = 'demo-password-2026';
export const COORDINATOR = { email: 'coordinator@demo.test', password: DEMO_PASSWORD };
export const LOCKED_USER = {
	email: 'locked-e2e@demo.test',
	name: 'Lockout Journey',
	password: 'locked-e2e-password-2026'
};
export const E2E_EMAILS = [COORDINATOR.email, LOCKED_USER.email, 'nobody-e2e@demo.test'];
