import type { StaffStatus } from '$lib/shared/enums';

/** How staff statuses read to people, in the directory and on a profile. */
export const STAFF_STATUS_LABELS: Record<StaffStatus, string> = {
	active: 'Active',
	inactive: 'Inactive',
	on_leave: 'On leave'
};
