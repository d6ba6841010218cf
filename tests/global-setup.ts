/**
 * Integration tests run against the real ndis_test database and Redis. scripts/test.sh has
 * already brought the services up; here the test schema is brought to the latest migration.
 */
import { createMigrator, ownerSequelize } from '../src/lib/server/db/migrator';

export default async function setup() {
	const sequelize = ownerSequelize();
	try {
		await createMigrator(sequelize).up();
	} finally {
		await sequelize.close();
	}
}
