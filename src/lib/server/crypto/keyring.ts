/**
 * The process's keyring for field encryption, from ENCRYPTION_KEY (and ENCRYPTION_KEYS_PREVIOUS).
 * Production refuses to start without a key (config.assertProductionSecrets). Development and
 * tests without one use a fixed, public development key, so a laptop works out of the box; it
 * protects nothing and the README says so.
 */
import { config } from '../config';
import { DEVELOPMENT_KEY } from './development-key';
import { createKeyring, decrypt, encrypt, type Keyring } from './fields';

export { DEVELOPMENT_KEY };

let cached: Keyring | undefined;

export function keyring(): Keyring {
	if (!cached) {
		if (!config.encryptionKey && config.isProduction) throw new Error('ENCRYPTION_KEY is required');
		// Outside production the development key can always open what it sealed, so a laptop that
		// later gets a real key (npm run demo writes one) still reads its older rows.
		const previous = config.isProduction
			? config.previousEncryptionKeys
			: [...config.previousEncryptionKeys, DEVELOPMENT_KEY];
		cached = createKeyring(config.encryptionKey ?? DEVELOPMENT_KEY, previous);
	}
	return cached;
}

/** For keys:rotate and its tests: use these keys from now on in this process. */
export function useKeyring(next: Keyring): void {
	cached = next;
}

export function sealField(value: string | null | undefined): string | null {
	return value == null || value === '' ? (value ?? null) : encrypt(keyring(), value);
}

export function openField(value: string | null | undefined): string | null {
	return value == null ? null : decrypt(keyring(), value);
}

/** The participant columns encrypted at rest (health and support details). */
export const ENCRYPTED_PARTICIPANT_COLUMNS = ['medical_info', 'support_needs', 'notes'] as const;
