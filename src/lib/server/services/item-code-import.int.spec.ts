/**
 * Importing a catalogue from the page: the preview changes nothing and keeps the file for the one
 * who previewed it; confirming imports it once and leaves an audit row under that administrator.
 * The file is lines of the catalogue the test database already holds, so importing it changes no
 * price (the import is idempotent), plus one broken line for the error report.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerClient } from '../../../../tests/pg';
import { ensureCatalogue } from '../seed/test-catalogue';
import { createUser } from '../../../../tests/fixtures';
import { closeDb, tx } from '../db';
import { runAs, SYSTEM, type Actor } from '../db/context';
import { AuditLog, type User } from '../db/models';
import * as catalogueImport from './item-code-import';

const lines = readFileSync('data/ndis/support-catalogue-2026-27-v1.0.csv', 'utf8').split('\n');
const csv = [...lines.slice(0, 6), '99_999_9999_9_9,Broken,,,,,,,X,No,nope,,,,,,,,,,'].join('\n');
const upload = (text: string, name = 'support-catalogue-2026-27-v1.0.csv') =>
	new File([text], name, { type: 'text/csv' });

let admin: User;
let other: User;
let as: Actor;

beforeAll(async () => {
	// "Already holds": the real catalogue, imported once if no earlier test has.
	const owner = await ownerClient();
	try {
		await ensureCatalogue(owner);
	} finally {
		await owner.end();
	}
	admin = await runAs(SYSTEM, () => tx(() => createUser('super_admin')));
	other = await runAs(SYSTEM, () => tx(() => createUser('super_admin')));
	as = { userId: admin.id, role: 'super_admin', ip: '198.51.100.9', userAgent: 'import-test' };
}, 60_000);
afterAll(closeDb);

describe('catalogue import from the page', () => {
	it('previews, refuses anyone else and a second confirmation, and audits the import', async () => {
		const preview = await runAs(as, () => catalogueImport.preview(upload(csv), null));
		expect(preview.ok).toBe(true);
		if (!preview.ok) return;
		expect(preview.summary).toMatchObject({ dryRun: true, inserted: 0, unchanged: 5 });
		expect(preview.summary.errors).toEqual([{ line: 7, reason: expect.any(String) }]);

		const stranger: Actor = { userId: other.id, role: 'super_admin' };
		expect(await runAs(stranger, () => catalogueImport.confirm(preview.id))).toMatchObject({
			ok: false,
			status: 404
		});
		const done = await runAs(as, () => catalogueImport.confirm(preview.id));
		expect(done).toMatchObject({ ok: true, summary: { dryRun: false, unchanged: 5 } });
		expect(await runAs(as, () => catalogueImport.confirm(preview.id))).toMatchObject({
			ok: false,
			status: 404
		});
		expect(await runAs(as, () => catalogueImport.confirm('../../etc/passwd'))).toMatchObject({
			ok: false,
			status: 404
		});

		const [row] = await runAs(SYSTEM, () =>
			tx(() =>
				AuditLog.findAll({
					where: { action: 'item_codes.import', userId: admin.id },
					order: [['createdAt', 'DESC']]
				})
			)
		);
		expect(row).toMatchObject({ tableName: 'ndis_item_codes', ipAddress: '198.51.100.9' });
		expect(row!.newValues).toMatchObject({ unchanged: 5, inserted: 0, errorCount: 1 });
	});

	it('refuses an empty, oversized or unreadable file with a clear message', async () => {
		expect(await runAs(as, () => catalogueImport.preview(upload(''), null))).toMatchObject({
			ok: false,
			status: 400
		});
		const big = 'x'.repeat(catalogueImport.MAX_UPLOAD_BYTES + 1);
		expect(await runAs(as, () => catalogueImport.preview(upload(big), null))).toMatchObject({
			ok: false,
			status: 413
		});
		const notCatalogue = await runAs(as, () =>
			catalogueImport.preview(upload('name,age\nAda,36\n', 'people.csv'), null)
		);
		expect(notCatalogue).toMatchObject({ ok: false, status: 400, message: expect.any(String) });
	});
});
