/**
 * Maintenance that needs the schema owner (creating and detaching partitions, ANALYZE, the price
 * list) connects as the owner (DATABASE_OWNER_URL) for that one task and nothing else; everything
 * a job can do as the app role, it does as the app role.
 */
import pg from 'pg';
import { config } from '../config';

export async function withOwner<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({
		connectionString: config.databaseOwnerUrl,
		application_name: 'ndis-maintenance'
	});
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

export async function ownerTransaction<T>(client: pg.ClientBase, fn: () => Promise<T>): Promise<T> {
	await client.query('BEGIN');
	try {
		const result = await fn();
		await client.query('COMMIT');
		return result;
	} catch (err) {
		await client.query('ROLLBACK');
		throw err;
	}
}
