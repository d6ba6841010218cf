import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { socketIoDevPlugin } from './realtime/vite-plugin.ts';

export default defineConfig({
	plugins: [sveltekit(), socketIoDevPlugin()],
	server: { port: 3000, strictPort: false },
	test: {
		env: { NODE_ENV: 'test' },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: [
						'src/**/*.spec.ts',
						'realtime/**/*.spec.ts',
						'scripts/**/*.spec.ts',
						'tests/**/*.spec.ts'
					],
					exclude: ['**/*.int.spec.ts', 'node_modules/**']
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: [
						'src/**/*.int.spec.ts',
						'realtime/**/*.int.spec.ts',
						'scripts/**/*.int.spec.ts',
						'migrations/**/*.int.spec.ts',
						'tests/**/*.int.spec.ts'
					],
					globalSetup: ['./tests/global-setup.ts'],
					// One shared test database: files run one after another, tests inside a file in order.
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 300_000
				}
			}
		]
	}
});
