/** Small builders for integration tests: unique values per call so tests never collide. */
import { randomInt, randomUUID } from 'node:crypto';
import { NdisItemCode, Participant, User } from '../src/lib/server/db/models';
import type { UserRole } from '../src/lib/shared/enums';

let counter = 0;
export const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/**
 * A valid NDIS number (9 digits starting 43). Random rather than taken from the clock: the test
 * database keeps every run's participants, and the clock's last digits come round again, so
 * clock-based numbers collided with an earlier run's now and then.
 */
export function ndisNumber(): string {
	return `43${randomInt(10_000_000).toString().padStart(7, '0')}`;
}

export function createUser(role: UserRole = 'support_worker', overrides: Partial<User> = {}) {
	return User.create({
		email: `${unique('user')}@test.example`,
		passwordHash: 'not-a-real-hash',
		name: 'Test User',
		role,
		phone: null,
		avatarUrl: null,
		lastLogin: null,
		...overrides
	});
}

export function createParticipant(createdBy: string | null, overrides: Partial<Participant> = {}) {
	return Participant.create({
		ndisNumber: ndisNumber(),
		name: `Participant ${randomUUID().slice(0, 8)}`,
		email: null,
		phone: null,
		address: null,
		dateOfBirth: '1990-05-01',
		emergencyContactName: null,
		emergencyContactPhone: null,
		primaryDisability: null,
		planStartDate: '2026-07-01',
		planEndDate: '2027-06-30',
		planManager: 'Plan-managed',
		totalBudget: '50000.00',
		supportNeeds: null,
		goals: null,
		medicalInfo: null,
		notes: null,
		createdBy,
		...overrides
	});
}

/** A support item in the price list (status active unless overridden). */
export function createItemCode(overrides: Partial<NdisItemCode> = {}) {
	return NdisItemCode.create({
		code: unique('01_TEST').replace(/-/g, '_').slice(0, 50),
		description: 'Assistance with self-care activities - standard - weekday daytime',
		category: 'Core',
		unitType: 'H',
		price: '70.23',
		effectiveDate: '2026-07-01',
		supportCategoryNumber: 1,
		supportCategoryName: 'Assistance with daily life',
		registrationGroupNumber: null,
		registrationGroupName: null,
		endDate: null,
		remotePrice: null,
		veryRemotePrice: null,
		...overrides
	});
}
