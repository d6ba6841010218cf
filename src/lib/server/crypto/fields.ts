/**
 * Field encryption at rest: AES-256-GCM with a random 96-bit IV per value. A stored value reads
 * `enc:v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts), so it names the key that sealed it
 * and keys can rotate: decryption looks the key up by id, encryption always uses the current key.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

export type Keyring = { current: Key; all: Map<string, Key> };
type Key = { id: string; secret: Buffer };

export function keyFromBase64(base64: string): Key {
	const secret = Buffer.from(base64, 'base64');
	if (secret.length !== 32) throw new Error('an encryption key must be 32 bytes, base64-encoded');
	// The id identifies the key without revealing it: a truncated hash of the key itself.
	const id = createHash('sha256').update(secret).digest('hex').slice(0, 12);
	return { id, secret };
}

export function createKeyring(current: string, previous: string[] = []): Keyring {
	const currentKey = keyFromBase64(current);
	const all = new Map<string, Key>([[currentKey.id, currentKey]]);
	for (const old of previous) {
		const key = keyFromBase64(old);
		all.set(key.id, key);
	}
	return { current: currentKey, all };
}

export function isEncrypted(value: string): boolean {
	return value.startsWith(PREFIX);
}

export function keyIdOf(value: string): string | null {
	return isEncrypted(value) ? (value.slice(PREFIX.length).split(':')[0] ?? null) : null;
}

export function encrypt(keyring: Keyring, plaintext: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', keyring.current.secret, iv);
	const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	const tag = cipher.getAuthTag();
	return `${PREFIX}${keyring.current.id}:${iv.toString('base64url')}:${tag.toString('base64url')}:${body.toString('base64url')}`;
}

export function decrypt(keyring: Keyring, stored: string): string {
	if (!isEncrypted(stored)) return stored; // written before encryption was switched on
	const [keyId, iv, tag, body] = stored.slice(PREFIX.length).split(':');
	const key = keyId ? keyring.all.get(keyId) : undefined;
	if (!key || iv === undefined || tag === undefined || body === undefined) {
		throw new Error(`cannot decrypt: unknown key ${keyId ?? '(none)'} or malformed value`);
	}
	const decipher = createDecipheriv('aes-256-gcm', key.secret, Buffer.from(iv, 'base64url'));
	decipher.setAuthTag(Buffer.from(tag, 'base64url'));
	return Buffer.concat([
		decipher.update(Buffer.from(body, 'base64url')),
		decipher.final()
	]).toString('utf8');
}
