import { execFileSync } from 'node:child_process';

// Runs under tsx with NODE_ENV=test so the app's own config chooses the test database.
export default function globalSetup(): void {
	execFileSync('npx', ['tsx', 'e2e/support/reset-auth.ts'], {
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'test' }
	});
	execFileSync('npx', ['tsx', 'e2e/support/reset-password.ts'], {
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'test' }
	});
}
