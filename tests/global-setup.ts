/**
 * Integration tests run against the real ndis_test database and Redis. scripts/test.sh has
 * already brought the services up; here the test schema is brought to the latest migration, and
 * afterwards the test queues are emptied: mail the services queued has no worker to send it.
 */
import { Queue } from 'bullmq';
import { createMigrator, ownerSequelize } from '../src/lib/server/db/migrator';
import { QUEUE_NAMES, queuePrefix, redisConnection } from '../src/jobs/registry';

async function emptyTestQueues(): Promise<void> {
	for (const name of QUEUE_NAMES) {
		const queue = new Queue(name, {
			prefix: queuePrefix(),
			connection: redisConnection('producer')
		});
		try {
			await queue.obliterate({ force: true });
		} finally {
			await queue.close();
		}
	}
}

export default async function setup() {
	const sequelize = ownerSequelize();
	try {
		await createMigrator(sequelize).up();
	} finally {
		await sequelize.close();
	}
	await emptyTestQueues();
	return emptyTestQueues;
}
