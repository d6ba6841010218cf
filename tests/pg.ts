/** A raw pg connection to the test database as the schema owner, for tests of the schema itself. */
import pg from 'pg';
import { config } from '../src/lib/server/config';

export async function ownerClient(database?: string): Promise<pg.Client> {
	const url = new URL(config.databaseOwnerUrl);
	if (database) url.pathname = `/${database}`;
	const client = new pg.Client({ connectionString: url.toString() });
	await client.connect();
	return client;
}
