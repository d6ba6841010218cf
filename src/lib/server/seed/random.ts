/**
 * A small seeded PRNG (mulberry32). Demo data must come out the same on every run so the seed is
 * idempotent and screenshots, tests and support conversations all see the same people.
 */
import { createHash } from 'node:crypto';

export interface Random {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [min, max], both inclusive. */
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	chance(probability: number): boolean;
	/** A new array with up to `count` distinct items, in random order. */
	sample<T>(items: readonly T[], count: number): T[];
}

export function createRandom(seed: string): Random {
	let state = createHash('sha1').update(seed).digest().readUInt32LE(0);
	const next = () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => {
		if (items.length === 0) throw new Error('pick() from an empty list');
		return items[int(0, items.length - 1)] as T;
	};
	const sample = <T>(items: readonly T[], count: number): T[] => {
		const pool = [...items];
		for (let i = pool.length - 1; i > 0; i--) {
			const j = int(0, i);
			[pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
		}
		return pool.slice(0, count);
	};
	return { next, int, pick, chance: (p) => next() < p, sample };
}
