import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../http/errors';
import { resetPasswordSchema } from './schemas';

const errors = (input: Record<string, unknown>) => {
	const parsed = resetPasswordSchema.safeParse(input);
	return parsed.success ? {} : fieldErrors(parsed.error);
};

describe('the new password form', () => {
	it('names each missing field', () => {
		expect(errors({})).toEqual({
			password: 'Enter a new password',
			confirm: 'Enter the new password again'
		});
	});

	it('asks for at least 12 characters', () => {
		expect(errors({ password: 'short', confirm: 'short' })).toEqual({
			password: 'Use at least 12 characters'
		});
	});

	it('refuses two different entries on the confirmation field', () => {
		expect(errors({ password: 'long enough password', confirm: 'long enough passw0rd' })).toEqual({
			confirm: 'The two passwords do not match'
		});
	});

	it('accepts a long password typed twice', () => {
		expect(errors({ password: 'long enough password', confirm: 'long enough password' })).toEqual(
			{}
		);
	});
});
