/**
 * The fixed, public key development and tests encrypt with when ENCRYPTION_KEY is unset. It
 * protects nothing. The end-to-end server (production mode, which needs a key) is given the same
 * one, so it can read what the test seeds wrote.
 */
import { createHash } from 'node:crypto';

export const DEVELOPMENT_KEY = createHash('sha256')
	.update('ndis-provider-platform development key: not secret')
	.digest('base64');
