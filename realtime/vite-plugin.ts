/**
 * `npm run dev`: attaches Socket.IO to Vite's own HTTP server, so development has the same
 * single origin and port as production (realtime/server.ts). The module is loaded through Vite's
 * SSR loader, so it shares module instances with SvelteKit's server code in dev.
 */
import type { Plugin } from 'vite';

type AttachModule = { attachRealtime: (server: NonNullable<unknown>) => Promise<unknown> };

export function socketIoDevPlugin(): Plugin {
	return {
		name: 'ndis-socket-io',
		apply: 'serve',
		async configureServer(server) {
			const httpServer = server.httpServer;
			if (!httpServer) return; // middleware mode (vitest): no server to attach to
			// The same policy for stray errors as `npm start` (src/lib/server/process-guard.ts).
			const guard = (await server.ssrLoadModule('/src/lib/server/process-guard.ts')) as {
				installProcessGuards: (name: string) => void;
			};
			guard.installProcessGuards('dev');
			const mod = (await server.ssrLoadModule('/realtime/attach.ts')) as AttachModule;
			await mod.attachRealtime(httpServer);
		}
	};
}
