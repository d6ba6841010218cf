/**
 * The preferences each person sets for themselves (/settings, settings/me). Shared with the page
 * so that its labels and choices always match what the server accepts.
 */
export type Preference =
	| { kind: 'boolean'; label: string; group: string; default: boolean }
	| {
			kind: 'choice';
			label: string;
			group: string;
			default: string;
			options: readonly { value: string; label: string }[];
	  };

export const PREFERENCES = {
	'notifications.email.session_approved': {
		kind: 'boolean',
		group: 'Email me when',
		label: 'One of my session logs is approved',
		default: true
	},
	'notifications.email.session_rejected': {
		kind: 'boolean',
		group: 'Email me when',
		label: 'One of my session logs is rejected',
		default: true
	},
	'notifications.email.session_submitted': {
		kind: 'boolean',
		group: 'Email me when',
		label: 'A worker submits a session log for approval (coordinators)',
		default: false
	},
	'notifications.email.document_expiring': {
		kind: 'boolean',
		group: 'Email me when',
		label: 'A document I can see is about to expire',
		default: true
	},
	'notifications.email.invoice_overdue': {
		kind: 'boolean',
		group: 'Email me when',
		label: 'An invoice becomes overdue (administrators)',
		default: true
	},
	'notifications.email.access_review': {
		kind: 'boolean',
		group: 'Email me when',
		label: 'The quarterly access review is ready (administrators)',
		default: true
	},
	'notifications.email.security_alerts': {
		kind: 'boolean',
		group: 'Email me when',
		label: 'Something security-related happens to my account',
		default: true
	},
	'notifications.email.roster_changes': {
		kind: 'boolean',
		group: 'Email me when',
		label: 'A shift of mine is added, moved or cancelled',
		default: true
	},
	'display.density': {
		kind: 'choice',
		group: 'Display',
		label: 'Table density',
		default: 'comfortable',
		options: [
			{ value: 'comfortable', label: 'Comfortable' },
			{ value: 'compact', label: 'Compact' }
		]
	},
	'display.time_format': {
		kind: 'choice',
		group: 'Display',
		label: 'Time format',
		default: '24h',
		options: [
			{ value: '12h', label: '12-hour (2:30 pm)' },
			{ value: '24h', label: '24-hour (14:30)' }
		]
	}
} as const satisfies Record<string, Preference>;

export type PreferenceKey = keyof typeof PREFERENCES;
export const PREFERENCE_KEYS = Object.keys(PREFERENCES) as PreferenceKey[];
export type Preferences = Record<PreferenceKey, boolean | string>;
