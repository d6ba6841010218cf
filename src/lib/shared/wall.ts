/**
 * What a wall display shows: aggregates only. No participant, staff member or document is ever
 * named here, and nothing of anyone's health; a screen in a shared office may be seen by anyone.
 * Money is a decimal string, as everywhere else.
 */
export type BudgetWall = {
	/** The provider-local date the figures are for, and when they were computed. */
	today: string;
	computedAt: string;
	activeParticipants: number;
	totalBudget: string;
	usedBudget: string;
	/** Used as a share of the budgets (0–100, one decimal). */
	usedPercent: number;
	/** The share of plan time elapsed, weighted by budget (0–100, one decimal). */
	elapsedPercent: number;
	risk: { overspending: number; underspending: number; exhausted: number; onTrack: number };
	spendThisMonth: string;
	pendingApprovals: number;
	approvedToday: { sessions: number; hours: string };
	overdueInvoices: { count: number; amount: string };
	documents: { expiringSoon: number; expired: number };
};

export type RosterWall = {
	today: string;
	computedAt: string;
	/** Shifts today that are not cancelled. */
	shifts: number;
	byStatus: { scheduled: number; confirmed: number; completed: number; cancelled: number };
	onNow: number;
	startingWithinHour: number;
	unassigned: number;
	staffRostered: number;
	participantsSupported: number;
	rosteredHours: string;
	/** Shifts under way in each hour of the local day, 0–23. */
	byHour: number[];
};
