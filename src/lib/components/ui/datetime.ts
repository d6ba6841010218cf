/**
 * The signed-in person's date and time style, handed down from the app's layout as a context, so
 * every page and component formats dates and times the same way (see `$lib/shared/format`).
 */
import { getContext, setContext } from 'svelte';
import { dateTimeFormatter, type DateTimeFormatter, type DateTimeStyle } from '$lib/shared/format';

const KEY = Symbol('date-time-format');
const FALLBACK = dateTimeFormatter(() => ({ timeZone: 'Australia/Sydney', timeFormat: '24h' }));

/** In the layout: `style` is read on every call, so a changed preference applies at once. */
export function provideDateTimeFormat(style: () => DateTimeStyle): DateTimeFormatter {
	return setContext(KEY, dateTimeFormatter(style));
}

/** In a page or component under the layout (outside it, the provider's defaults). */
export function useDateTimeFormat(): DateTimeFormatter {
	return getContext<DateTimeFormatter | undefined>(KEY) ?? FALLBACK;
}
