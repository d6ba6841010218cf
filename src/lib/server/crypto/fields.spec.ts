import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyring, decrypt, encrypt, isEncrypted, keyIdOf } from './fields';

const newKey = () => randomBytes(32).toString('base64');

describe('field encryption', () => {
	const keyring = createKeyring(newKey());

	it('round-trips text, including non-ASCII, and never stores the plaintext', () => {
		const secret = 'Epilepsy — takes Keppra 500 mg twice daily';
		const sealed = encrypt(keyring, secret);
		expect(isEncrypted(sealed)).toBe(true);
		expect(sealed).not.toContain('Keppra');
		expect(decrypt(keyring, sealed)).toBe(secret);
	});

	it('uses a fresh IV each time, so equal values do not look equal', () => {
		expect(encrypt(keyring, 'same')).not.toBe(encrypt(keyring, 'same'));
	});

	it('refuses a tampered value', () => {
		const sealed = encrypt(keyring, 'allergic to penicillin');
		const parts = sealed.split(':');
		const body = Buffer.from(parts[5]!, 'base64url');
		body[0] = body[0]! ^ 1;
		parts[5] = body.toString('base64url');
		expect(() => decrypt(keyring, parts.join(':'))).toThrow();
	});

	it('decrypts values sealed by a previous key after rotation, and names the key', () => {
		const oldKey = newKey();
		const before = createKeyring(oldKey);
		const sealed = encrypt(before, 'asthma');
		const after = createKeyring(newKey(), [oldKey]);
		expect(keyIdOf(sealed)).toBe(before.current.id);
		expect(decrypt(after, sealed)).toBe('asthma');
		expect(keyIdOf(encrypt(after, 'asthma'))).toBe(after.current.id);
		expect(() => decrypt(createKeyring(newKey()), sealed)).toThrow(/unknown key/);
	});

	it('rejects keys that are not 32 bytes', () => {
		expect(() => createKeyring(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
	});
});
