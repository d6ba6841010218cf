/**
 * For the seeds' integration tests: the seeds bill real NDIS items, so the test database needs
 * the catalogue. Imported with the real CLI, exactly as a newcomer would, and only when missing.
 */
import { execFileSync } from 'node:child_process';
import type { Db } from './db';

export const CATALOGUE_FILE = 'data/ndis/support-catalogue-2026-27-v1.0.csv';

export async function ensureCatalogue(db: Db): Promise<void> {
	// A real catalogue item, not just any row: other tests add items of their own.
	const { rows } = await db.query<{ n: number }>(
		`SELECT count(*)::int AS n FROM ndis_item_codes WHERE code = '01_011_0107_1_1'`
	);
	if (rows[0]?.n) return;
	execFileSync('npx', ['tsx', 'scripts/catalogue-import.ts', CATALOGUE_FILE], {
		env: { ...process.env, NODE_ENV: 'test' },
		stdio: 'pipe'
	});
}
