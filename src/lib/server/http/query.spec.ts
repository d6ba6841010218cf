import { describe, expect, it } from 'vitest';
import { isUuid, queryObject } from './query';

describe('queryObject', () => {
	it('keeps filled values and drops empty ones', () => {
		expect(queryObject(new URLSearchParams('q=ann&role=&status=%20&page=2'))).toEqual({
			q: 'ann',
			page: '2'
		});
	});
});

describe('isUuid', () => {
	it('accepts a UUID and refuses anything else', () => {
		expect(isUuid('0b6f1c1e-8d55-4b7e-9d6a-2f1e4c3b2a10')).toBe(true);
		expect(isUuid('123')).toBe(false);
		expect(isUuid("' OR 1=1 --")).toBe(false);
	});
});
