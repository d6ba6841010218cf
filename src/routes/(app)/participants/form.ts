/**
 * Reads the participant form (new and edit pages) into what the schemas expect: text fields as
 * typed, the overspend checkbox as a boolean. An empty used budget means "leave as it is".
 */
export const FORM_FIELDS = [
	'ndisNumber',
	'name',
	'email',
	'phone',
	'address',
	'dateOfBirth',
	'emergencyContactName',
	'emergencyContactPhone',
	'primaryDisability',
	'planStartDate',
	'planEndDate',
	'planManager',
	'totalBudget',
	'usedBudget',
	'supportNeeds',
	'goals',
	'medicalInfo',
	'notes',
	'status'
] as const;

export function readParticipantForm(form: FormData) {
	const values: Record<string, string> = {};
	for (const name of FORM_FIELDS) {
		const value = form.get(name);
		if (typeof value === 'string') values[name] = value;
	}
	const input: Record<string, unknown> = { ...values };
	if (values.usedBudget?.trim() === '') delete input.usedBudget;
	if (form.get('allowOverspend') === 'on') input.allowOverspend = true;
	return { values, input };
}
