/**
 * 'catalogue-prices': the price in force changes on dates that pass with nobody importing anything
 * (above all 1 July), so each item's current price is brought to its history daily (as owner).
 */
import { z } from 'zod';
import { refreshCurrentPrices } from '../lib/server/catalogue/prices';
import { withOwner } from '../lib/server/maintenance/owner';
import { providerToday } from '../lib/server/provider';
import { providerSettings } from '../lib/server/provider-settings';
import { asDate, asOfField, jobData } from './data';
import type { JobDefinition } from './registry';

const schema = z.strictObject({ asOf: asOfField.optional() });

export const cataloguePricesJob: JobDefinition<z.infer<typeof schema>, 'catalogue-prices'> = {
	name: 'catalogue-prices',
	queue: 'maintenance',
	description: "Brings each support item's current price to the one in force today",
	// Just after midnight, so a new financial year's prices apply from its first session.
	schedule: { pattern: '1 0 * * *' },
	attempts: 3,
	backoff: { type: 'exponential', delay: 60_000 },
	async handler(job) {
		const today = providerToday(await providerSettings(), asDate(jobData(schema, job).asOf));
		return { changed: await withOwner((client) => refreshCurrentPrices(client, today)) };
	}
};
