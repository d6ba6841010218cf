/** How a session's value reads in the approval queue and on the session page. */
import { dollars } from '$lib/shared/figures';

/** "$245.16", or why there is no figure: a session without a support item cannot be priced. */
export function sessionValueLabel(value: string | null): string {
	return value === null ? 'No support item' : dollars(value);
}
