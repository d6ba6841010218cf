import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safe-redirect';

describe('safeRedirect', () => {
	it('keeps a path on this site, with its query', () => {
		expect(safeRedirect('/participants?q=smith')).toBe('/participants?q=smith');
	});

	it.each([
		null,
		'',
		'https://evil.example/',
		'//evil.example',
		'/\\evil.example',
		'/ok\\..\\evil',
		'javascript:alert(1)',
		'/\tevil'
	])('sends %s to the dashboard instead', (target) => {
		expect(safeRedirect(target)).toBe('/');
	});
});
