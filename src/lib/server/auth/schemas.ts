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
