/**
 * `npm run dev`: attaches Socket.IO to Vite's own HTTP server, so development has the same
 * single origin and port as production (realtime/server.ts).
 */
import type { Plugin } from 'vite';

export function socketIoDevPlugin(): Plugin {
	return {
		name: 'ndis-socket-io',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			const { attachRealtime } = await import('./attach');
			await attachRealtime(server.httpServer);
		}
	};
}
