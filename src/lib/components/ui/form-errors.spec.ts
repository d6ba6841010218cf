import { describe, expect, it } from 'vitest';
import { describedBy, fieldMessage, fieldName } from './form-errors';

describe('form error wording', () => {
	it('puts the label before a fragment and leaves a sentence alone', () => {
		expect(fieldMessage('Date', 'is required')).toBe('Date is required');
		expect(fieldMessage('Participant', 'Choose a participant')).toBe('Choose a participant');
		expect(fieldMessage('Start', '“Visit” overlaps')).toBe('“Visit” overlaps');
	});

	it('names an unlabelled field in words, never as a column name', () => {
		expect(fieldName('planEndDate')).toBe('Plan end date');
		expect(fieldName('ndisItemCodeId')).toBe('Ndis item code');
		expect(fieldName('progressNote.outcomes.2')).toBe('Progress note outcomes');
	});

	it('describes a field by its hint and its error only when they exist', () => {
		expect(describedBy('p-name', {}, 'name')).toBeUndefined();
		expect(describedBy('p-name', { name: 'is required' }, 'name', true)).toBe(
			'p-name-hint p-name-error'
		);
	});
});
