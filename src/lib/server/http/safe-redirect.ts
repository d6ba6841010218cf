/**
 * Where to go after sign-in. Only a path on this site is honoured: `//evil.example` and
 * `/\evil.example` are read by browsers as other hosts, so they fall back to the dashboard.
 */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
	if (!target || !target.startsWith('/') || target.startsWith('//')) return fallback;
	// Browsers read backslashes as slashes and drop tabs and newlines, which can make a host.
	if (target.includes('\\') || [...target].some((c) => c.charCodeAt(0) < 0x20)) return fallback;
	return target;
}
