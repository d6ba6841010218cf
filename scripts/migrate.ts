/** npm run migrate [-- --to NAME] | npm run migrate:down [-- --to 0|NAME] */
import { parseArgs } from 'node:util';
import { createMigrator, ownerSequelize } from '../src/lib/server/db/migrator';

const [direction, ...rest] = process.argv.slice(2);
const { values } = parseArgs({ args: rest, options: { to: { type: 'string' } }, strict: true });

if (direction !== 'up' && direction !== 'down') {
	console.error('usage: migrate.ts up|down [--to NAME|0]');
	process.exit(2);
}

const sequelize = ownerSequelize();
const migrator = createMigrator(sequelize);
try {
	const done =
		direction === 'up'
			? await migrator.up(values.to ? { to: values.to } : {})
			: await migrator.down(
					values.to === '0' ? { to: 0 } : values.to ? { to: values.to } : { step: 1 }
				);
	const verb = direction === 'up' ? 'applied' : 'reverted';
	console.log(done.length ? `${verb}: ${done.map((m) => m.name).join(', ')}` : `nothing to do`);
} catch (err) {
	console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
	process.exitCode = 1;
} finally {
	await sequelize.close();
}
