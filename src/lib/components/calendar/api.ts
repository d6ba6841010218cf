/**
 * The board's calls to /api/v1/calendar-events, answered as small results instead of exceptions:
 * the board shows `message` (and the fields) to the person who made the change, and a stale edit
 * brings back the event as it is now (`current`) so the board can show it.
 */
import type { CalendarEventDto } from '$lib/shared/calendar';

export type Failure = {
	ok: false;
	status: number;
	message: string;
	fields: Record<string, string>;
	current?: CalendarEventDto;
};
export type Result<T> = { ok: true; data: T } | Failure;

export type EventInput = {
	title?: string;
	description?: string | null;
	participantId?: string | null;
	staffId?: string | null;
	eventType?: string;
	startDatetime?: string;
	endDatetime?: string;
	location?: string | null;
	status?: string;
};

async function call<T>(method: string, path: string, body?: unknown): Promise<Result<T>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		return {
			ok: false,
			status: 0,
			message: 'The server could not be reached. Nothing was saved; try again.',
			fields: {}
		};
	}
	if (response.status === 204) return { ok: true, data: undefined as T };
	const payload = (await response.json().catch(() => null)) as
		| (T & {
				error?: { message: string; fields?: Record<string, string> };
				current?: CalendarEventDto;
		  })
		| null;
	if (response.ok && payload) return { ok: true, data: payload };
	return {
		ok: false,
		status: response.status,
		message:
			payload?.error?.message ?? `The server answered ${response.status}. Nothing was saved.`,
		fields: payload?.error?.fields ?? {},
		current: payload?.current
	};
}

const BASE = '/api/v1/calendar-events';

export type Range = { from: string; to: string };
export type Filters = {
	staffId?: string;
	participantId?: string;
	eventType?: string;
	status?: string;
};

export function listRange(range: Range, filters: Filters) {
	const params = new URLSearchParams({ from: range.from, to: range.to });
	for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
	return call<{ data: CalendarEventDto[]; total: number }>('GET', `${BASE}?${params}`);
}

export const getEvent = (id: string) => call<CalendarEventDto>('GET', `${BASE}/${id}`);

export const createEvent = (input: EventInput) => call<CalendarEventDto>('POST', BASE, input);

export const createWeekly = (input: EventInput, weeks: number) =>
	call<{ data: CalendarEventDto[] }>('POST', `${BASE}/recurring`, { ...input, weeks });

export const updateEvent = (id: string, version: number, changes: EventInput) =>
	call<CalendarEventDto>('PATCH', `${BASE}/${id}`, { ...changes, version });

export const deleteEvent = (id: string, version: number) =>
	call<undefined>('DELETE', `${BASE}/${id}?version=${version}`);
