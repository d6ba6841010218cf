/**
 * The provider settings for web requests and jobs, cached briefly: dashboards ask on every load,
 * and an administrator's change applies within the cache's life (jobs read them once per run).
 */
import { tx } from './db';
import { readProviderSettings, type ProviderSettings } from './provider';
import { txSql } from './sql';

const CACHE_MS = 30_000;
let cached: { value: ProviderSettings; at: number } | undefined;

export async function providerSettings(): Promise<ProviderSettings> {
	if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
	const value = await tx((t) => readProviderSettings(txSql(t)));
	cached = { value, at: Date.now() };
	return value;
}

/** After a settings change, and in tests. */
export function forgetProviderSettings(): void {
	cached = undefined;
}
