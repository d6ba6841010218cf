/** How document values read on the pages. */
import type { DocumentStatus } from '$lib/shared/enums';

export const STATUS_LABELS: Record<DocumentStatus, string> = {
	current: 'Current',
	expiring_soon: 'Expiring soon',
	expired: 'Expired'
};

export const typeLabel = (type: string) =>
	type
		.replace('_', ' ')
		.replace(/^./, (c) => c.toUpperCase())
		.replace('Ndis', 'NDIS');

export const fileSize = (bytes: number) =>
	bytes < 1024 * 1024
		? `${Math.max(1, Math.round(bytes / 1024))} KB`
		: `${(bytes / 1024 / 1024).toFixed(1)} MB`;
