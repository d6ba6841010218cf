import { describe, expect, it } from 'vitest';
import { minimalPdf, tinyPng } from './files';

describe('seed document files', () => {
	it('writes a PDF whose cross-reference table points at each object', () => {
		const pdf = minimalPdf(['Service agreement – Zoë O’Brien (draft)', 'Line two']).toString(
			'latin1'
		);
		expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
		expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
		const startxref = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
		expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
		const offsets = [...pdf.matchAll(/(\d{10}) 00000 n /g)].map((m) => Number(m[1]));
		expect(offsets).toHaveLength(5);
		offsets.forEach((offset, i) =>
			expect(pdf.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true)
		);
		const stream = /\/Length (\d+) >>\nstream\n/.exec(pdf);
		const bodyStart = (stream?.index ?? 0) + (stream?.[0].length ?? 0);
		expect(pdf.slice(bodyStart + Number(stream?.[1]), bodyStart + Number(stream?.[1]) + 10)).toBe(
			'\nendstream'
		);
		// Non-ASCII is replaced and parentheses escaped, so the text cannot break the syntax.
		expect(pdf).toContain('(Service agreement - Zo- O-Brien \\(draft\\)) Tj');
	});

	it('stands a real PNG in for photos', () => {
		expect(tinyPng().subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
	});
});
