import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// realtime/server.ts is the production entry; it owns the HTTP server and mounts the handler.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
