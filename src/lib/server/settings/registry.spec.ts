/**
 * The registry's own rules, apart from the database: whole numbers in range with one message,
 * yes/no values as booleans (no seeded setting is one yet, but the type is offered), real ABNs and
 * time zones, and a stored value out of bounds read as the default.
 */
import { describe, expect, it } from 'vitest';
import { checkSetting, isAbn, isTimeZone, readSetting, wholeNumber, yesNo } from './registry';

describe('setting rules', () => {
	it('reads whole numbers from JSON or text, and names the range and unit when wrong', () => {
		const days = wholeNumber(1, 365, 'days');
		expect(days.parse('30')).toBe(30);
		expect(days.parse(' 7 ')).toBe(7);
		expect(days.parse(365)).toBe(365);
		for (const bad of [1.5, '1.5', 0, 366, -1, 1e308, '1e308', 0.0001]) {
			expect(days.safeParse(bad).error?.issues[0]?.message, String(bad)).toBe(
				'must be a whole number from 1 to 365 days'
			);
		}
		for (const bad of ['', 'abc', '0x10', 'Infinity', Infinity, NaN, true, null, [], {}]) {
			expect(days.safeParse(bad).error?.issues[0]?.message, String(bad)).toBe('must be a number');
		}
	});

	it('takes booleans as booleans, from JSON or a form', () => {
		expect(yesNo.parse(true)).toBe(true);
		expect(yesNo.parse('false')).toBe(false);
		for (const bad of ['yes', 1, 'TRUE', null]) {
			expect(yesNo.safeParse(bad).error?.issues[0]?.message).toBe('must be true or false');
		}
	});

	it('knows real ABNs and IANA time zones', () => {
		expect(isAbn('51 824 753 556')).toBe(true);
		expect(isAbn('51 824 753 557')).toBe(false);
		expect(isAbn('5182475355')).toBe(false);
		expect(isTimeZone('Australia/Sydney')).toBe(true);
		expect(isTimeZone('UTC')).toBe(true);
		expect(isTimeZone('Mars/Olympus')).toBe(false);
		expect(isTimeZone('../etc/passwd')).toBe(false);
	});

	it('stores what it checked in one form, and reads a bad stored value as the default', () => {
		expect(checkSetting('security.max_failed_logins', '07')).toEqual({
			ok: true,
			value: 7,
			stored: '7'
		});
		expect(checkSetting('documents.allowed_types', ['text/plain', 'text/plain'])).toEqual({
			ok: true,
			value: ['text/plain'],
			stored: '["text/plain"]'
		});
		expect(readSetting('security.max_failed_logins', '1e308')).toBe(5);
		expect(readSetting('timezone', 'Mars/Olympus')).toBe('Australia/Sydney');
		expect(readSetting('documents.expiry_warning_days', undefined)).toBe(30);
		expect(readSetting('documents.expiry_warning_days', '1.5', 45)).toBe(45);
	});
});
