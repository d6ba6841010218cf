/**
 * 'invoice-overdue': sent invoices past their due date become overdue, daily just after midnight
 * in the provider's zone; super admins are told (src/lib/server/invoices/overdue.ts).
 */
import { z } from 'zod';
import { markOverdueInvoices } from '../lib/server/invoices/overdue';
import { asDate, asOfField, jobData } from './data';
import type { JobDefinition } from './registry';

const schema = z.strictObject({ asOf: asOfField.optional() });
export type InvoiceOverdueData = z.infer<typeof schema>;

export const invoiceOverdueJob: JobDefinition<InvoiceOverdueData, 'invoice-overdue'> = {
	name: 'invoice-overdue',
	queue: 'records',
	description: 'Sent invoices past their due date become overdue; super admins are told',
	schedule: { pattern: '10 0 * * *' },
	attempts: 3,
	backoff: { type: 'exponential', delay: 10_000 },
	async handler(job) {
		const data = jobData(schema, job);
		return markOverdueInvoices({ asOf: asDate(data.asOf) });
	}
};
