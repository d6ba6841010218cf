import { describe, expect, it } from 'vitest';
import { downloadName } from './names';

describe('downloadName', () => {
	it("adds the stored file's extension to a document's name", () => {
		expect(downloadName('Care plan', '5f1c…-uuid.pdf')).toBe('Care plan.pdf');
		expect(downloadName('Photo of the ramp', 'a.png')).toBe('Photo of the ramp.png');
	});

	it('keeps a name that already ends with it, in any case', () => {
		expect(downloadName('Care plan.pdf', 'a.pdf')).toBe('Care plan.pdf');
		expect(downloadName('SCAN.PDF', 'a.pdf')).toBe('SCAN.PDF');
	});

	it('gives "Care plan v2.1" its extension rather than taking ".1" for one', () => {
		expect(downloadName('Care plan v2.1', 'a.docx')).toBe('Care plan v2.1.docx');
		expect(downloadName('Notes', 'no-extension')).toBe('Notes');
	});
});
