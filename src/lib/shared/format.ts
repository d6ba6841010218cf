/** How instants read to people: the provider's local time, whatever the browser's zone. */
export function formatInstant(iso: string | null, timeZone: string): string {
	if (!iso) return '—';
	return new Intl.DateTimeFormat('en-AU', {
		timeZone,
		dateStyle: 'medium',
		timeStyle: 'short'
	}).format(new Date(iso));
}
