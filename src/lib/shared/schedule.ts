/** A job schedule as people read it: "Daily at 02:00", not "0 2 * * *". */
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const ordinal = (n: number) =>
	`${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

export function describeSchedule(pattern: string | null, every: number | null): string {
	if (every) {
		return every % 60_000 === 0
			? `Every ${every / 60_000 === 1 ? 'minute' : `${every / 60_000} minutes`}`
			: `Every ${Math.round(every / 1000)} s`;
	}
	if (!pattern) return 'On demand';
	const parts = pattern.trim().split(/\s+/);
	if (parts.length !== 5 || !/^\d+$/.test(parts[0]!) || !/^\d+$/.test(parts[1]!)) return pattern;
	const [minute, hour, day, month, weekday] = parts as [string, string, string, string, string];
	const at = `at ${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
	if (day === '*' && month === '*' && weekday === '*') return `Daily ${at}`;
	if (day === '*' && month === '*' && /^\d$/.test(weekday)) {
		return `Weekly on ${DAYS[Number(weekday) % 7]} ${at}`;
	}
	if (/^\d+$/.test(day) && month === '*' && weekday === '*') {
		return `Monthly on the ${ordinal(Number(day))} ${at}`;
	}
	if (/^\d+$/.test(day) && /^[\d,]+$/.test(month) && weekday === '*') {
		const months = month.split(',').map((m) => MONTHS[Number(m) - 1] ?? m);
		const label = months.length === 4 ? 'Quarterly' : `Yearly`;
		return `${label} on the ${ordinal(Number(day))} of ${months.join(', ')} ${at}`;
	}
	return pattern;
}
