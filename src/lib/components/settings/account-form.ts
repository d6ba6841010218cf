/** What the /settings profile and password actions answer (`section` says which form it is for). */
export type AccountFormResult = {
	section: 'profile' | 'password';
	ok: boolean;
	message: string;
	fields: Record<string, string>;
	values?: Record<string, string>;
};

/** The action's answer when it is for this section, else nothing (another form on the page). */
export function resultFor(
	form: unknown,
	section: AccountFormResult['section']
): AccountFormResult | null {
	return form !== null &&
		typeof form === 'object' &&
		(form as { section?: unknown }).section === section
		? (form as AccountFormResult)
		: null;
}
