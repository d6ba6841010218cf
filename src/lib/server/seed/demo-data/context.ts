/** What every part of the demo seed works from: one connection, one "today", the items to bill. */
import type { USER_ROLES } from '../../../shared/enums';
import type { Db } from '../db';
import type { ItemCodes } from '../item-codes';

export type UserRole = (typeof USER_ROLES)[number];

export interface DemoContext {
	db: Db;
	/** Today in Australia/Sydney; every demo date is relative to it. */
	today: string;
	now: Date;
	items: ItemCodes;
	documentsDir: string;
}

export interface DemoStaff {
	key: string;
	userId: string;
	name: string;
	first: string;
	email: string;
	role: UserRole;
	status: 'active' | 'inactive' | 'on_leave';
	specialization: string | null;
}

export interface DemoParticipant {
	index: number;
	id: string;
	name: string;
	first: string;
	status: 'active' | 'inactive' | 'pending';
	planStart: string;
	planEnd: string;
	address: string;
}

export interface DemoSession {
	id: string;
	participant: DemoParticipant;
	staff: DemoStaff;
	date: string;
	startMinutes: number;
	durationHundredths: number;
	serviceType: string;
	itemId: string;
	priceCents: number;
	status: 'pending' | 'approved' | 'rejected';
	notes: string;
	outcomes: string;
	nextSteps: string;
}
