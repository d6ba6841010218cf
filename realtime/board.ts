/**
 * Presence on the roster board: who has it open, and which event each has open in the dialog, so
 * a coordinator sees that someone else is editing a shift before touching it. Only people who may
 * read every event (the policy's 'all' scope for calendar-events) join the board's room; payloads
 * from the browser are validated. The viewer list is gathered from every web process (the Redis
 * adapter's fetchSockets), so it is the same whichever process a viewer's socket is on.
 */
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import { scopeOf } from '../src/lib/server/auth/permissions';
import { logger } from '../src/lib/server/logger';
import type { SessionUser } from '../src/lib/server/auth/session';
import type { BoardViewer } from '../src/lib/shared/calendar';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/lib/shared/realtime';

export const BOARD_ROOM = 'calendar:board';

type Data = { user: SessionUser; sessionId: string; editing?: string | null };
type BoardServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, Data>;
type BoardSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, Data>;

const editingSchema = z.strictObject({ eventId: z.uuid().nullable() });

const mayView = (user: SessionUser) => scopeOf(user.role, 'calendar-events', 'read') === 'all';

/** Sends the board's viewers (one entry per person, however many tabs) to everyone on it. */
async function announcePresence(io: BoardServer): Promise<void> {
	try {
		const sockets = await io.in(BOARD_ROOM).fetchSockets();
		const viewers = new Map<string, BoardViewer>();
		for (const socket of sockets) {
			const { user, editing } = socket.data;
			const known = viewers.get(user.id);
			viewers.set(user.id, {
				userId: user.id,
				name: user.name,
				role: user.role,
				editing: editing ?? known?.editing ?? null
			});
		}
		io.to(BOARD_ROOM).emit('calendar:presence', { viewers: [...viewers.values()] });
	} catch (err) {
		logger.warn({ err }, 'announcing who is on the roster board failed');
	}
}

export function handleBoard(io: BoardServer, socket: BoardSocket): void {
	const { user } = socket.data;
	socket.on('calendar:join', () => {
		if (!mayView(user)) return;
		void socket.join(BOARD_ROOM);
		void announcePresence(io);
	});
	socket.on('calendar:leave', () => {
		socket.data.editing = null;
		void socket.leave(BOARD_ROOM);
		void announcePresence(io);
	});
	socket.on('calendar:editing', (payload: unknown) => {
		const parsed = editingSchema.safeParse(payload);
		if (!parsed.success || !socket.rooms.has(BOARD_ROOM)) return;
		if (parsed.data.eventId && scopeOf(user.role, 'calendar-events', 'update') !== 'all') return;
		socket.data.editing = parsed.data.eventId;
		void announcePresence(io);
	});
	// Gone sockets have already left the room, so the list sent now no longer has them. Not while
	// the server shuts down: its Redis connections are closing, and it is going away anyway.
	socket.on('disconnect', (reason) => {
		if (mayView(user) && reason !== 'server shutting down') void announcePresence(io);
	});
}
