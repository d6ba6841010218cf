/** The sign-in input, one schema for the form and the API so both give the same field messages. */
import { z } from 'zod';

export const loginSchema = z.object({
	email: z
		.string({ error: 'Enter your email address' })
		.trim()
		.min(1, 'Enter your email address')
		.max(255, 'Email address is too long')
		.pipe(z.email('Enter a valid email address')),
	password: z
		.string({ error: 'Enter your password' })
		.min(1, 'Enter your password')
		.max(1024, 'Password is too long')
});

export type LoginInput = z.infer<typeof loginSchema>;

/** Same rule as accounts created by an admin or the CLI. */
export const PASSWORD_MIN_LENGTH = 12;

export const forgotPasswordSchema = loginSchema.pick({ email: true });

export const resetPasswordSchema = z
	.object({
		password: z
			.string({ error: 'Enter a new password' })
			.min(1, 'Enter a new password')
			.min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
			.max(256, 'Password is too long'),
		confirm: z
			.string({ error: 'Enter the new password again' })
			.min(1, 'Enter the new password again')
	})
	.refine((input) => input.password === input.confirm, {
		path: ['confirm'],
		message: 'The two passwords do not match'
	});

export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

/** Changing one's own password: the current one, then a new one by the reset form's rules. */
export const changePasswordSchema = z
	.object({
		currentPassword: z
			.string({ error: 'Enter your current password' })
			.min(1, 'Enter your current password')
			.max(1024, 'Password is too long')
	})
	.and(resetPasswordSchema);

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
