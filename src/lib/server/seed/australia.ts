/**
 * Believable Australian people and places for seed data. Suburbs are real, with their state and
 * postcode; phone numbers are mobile-shaped (04xx xxx xxx). Shared by the demo seed (through a
 * PRNG) and the scale seed (passed to SQL as arrays).
 */
import type { Random } from './random';

export const FIRST_NAMES = [
	'Olivia',
	'Charlotte',
	'Amelia',
	'Isla',
	'Mia',
	'Ava',
	'Grace',
	'Chloe',
	'Zoe',
	'Ruby',
	'Harper',
	'Sienna',
	'Matilda',
	'Evie',
	'Lily',
	'Aisha',
	'Mei',
	'Priya',
	'Leila',
	'Tahlia',
	'Oliver',
	'Noah',
	'Jack',
	'William',
	'Leo',
	'Lucas',
	'Thomas',
	'Henry',
	'Charlie',
	'James',
	'Ethan',
	'Cooper',
	'Hudson',
	'Archie',
	'Mason',
	'Kai',
	'Arjun',
	'Minh',
	'Jarrah',
	'Tyson'
] as const;

export const LAST_NAMES = [
	'Smith',
	'Jones',
	'Williams',
	'Brown',
	'Wilson',
	'Taylor',
	'Nguyen',
	'Johnson',
	'Martin',
	'White',
	'Anderson',
	'Walker',
	'Thompson',
	'Thomas',
	'Lee',
	'Ryan',
	'Kelly',
	'Murphy',
	"O'Brien",
	'Chen',
	'Singh',
	'Patel',
	'Campbell',
	'Mitchell',
	'Robinson',
	'Harris',
	'King',
	'Clarke',
	'Young',
	'Scott',
	'Tran',
	'Wright',
	'Hughes',
	'Edwards',
	'Russo',
	'Papadopoulos',
	'Kaur',
	'Watson',
	'Morgan',
	'Bennett'
] as const;

export interface Suburb {
	suburb: string;
	state: string;
	postcode: string;
}

export const SUBURBS: readonly Suburb[] = [
	{ suburb: 'Parramatta', state: 'NSW', postcode: '2150' },
	{ suburb: 'Blacktown', state: 'NSW', postcode: '2148' },
	{ suburb: 'Penrith', state: 'NSW', postcode: '2750' },
	{ suburb: 'Liverpool', state: 'NSW', postcode: '2170' },
	{ suburb: 'Chatswood', state: 'NSW', postcode: '2067' },
	{ suburb: 'Newtown', state: 'NSW', postcode: '2042' },
	{ suburb: 'Bondi', state: 'NSW', postcode: '2026' },
	{ suburb: 'Marrickville', state: 'NSW', postcode: '2204' },
	{ suburb: 'Bankstown', state: 'NSW', postcode: '2200' },
	{ suburb: 'Castle Hill', state: 'NSW', postcode: '2154' },
	{ suburb: 'Hornsby', state: 'NSW', postcode: '2077' },
	{ suburb: 'Campbelltown', state: 'NSW', postcode: '2560' },
	{ suburb: 'Wollongong', state: 'NSW', postcode: '2500' },
	{ suburb: 'Newcastle', state: 'NSW', postcode: '2300' },
	{ suburb: 'Gosford', state: 'NSW', postcode: '2250' },
	{ suburb: 'Manly', state: 'NSW', postcode: '2095' },
	{ suburb: 'Fitzroy', state: 'VIC', postcode: '3065' },
	{ suburb: 'Footscray', state: 'VIC', postcode: '3011' },
	{ suburb: 'Brunswick', state: 'VIC', postcode: '3056' },
	{ suburb: 'Geelong', state: 'VIC', postcode: '3220' },
	{ suburb: 'Ballarat Central', state: 'VIC', postcode: '3350' },
	{ suburb: 'Toowong', state: 'QLD', postcode: '4066' },
	{ suburb: 'Chermside', state: 'QLD', postcode: '4032' },
	{ suburb: 'Southport', state: 'QLD', postcode: '4215' },
	{ suburb: 'Fremantle', state: 'WA', postcode: '6160' },
	{ suburb: 'Joondalup', state: 'WA', postcode: '6027' },
	{ suburb: 'Glenelg', state: 'SA', postcode: '5045' },
	{ suburb: 'Norwood', state: 'SA', postcode: '5067' },
	{ suburb: 'Belconnen', state: 'ACT', postcode: '2617' },
	{ suburb: 'Sandy Bay', state: 'TAS', postcode: '7005' }
];

export const STREETS = [
	'George Street',
	'Church Street',
	'Victoria Road',
	'King Street',
	'High Street',
	'Railway Parade',
	'Station Street',
	'Wattle Avenue',
	'Banksia Crescent',
	'Waratah Close',
	'Bottlebrush Drive',
	'Jacaranda Way',
	'Macquarie Street',
	'Pacific Highway',
	'Ocean Parade'
] as const;

export interface Person {
	first: string;
	last: string;
	name: string;
}

export function randomPerson(rng: Random): Person {
	const first = rng.pick(FIRST_NAMES);
	const last = rng.pick(LAST_NAMES);
	return { first, last, name: `${first} ${last}` };
}

export function mobileNumber(rng: Random): string {
	const digits = () => String(rng.int(0, 999)).padStart(3, '0');
	return `04${rng.int(0, 9)}${rng.int(0, 9)} ${digits()} ${digits()}`;
}

export function address(rng: Random): string {
	const place = rng.pick(SUBURBS);
	const unit = rng.chance(0.25) ? `${rng.int(1, 24)}/` : '';
	return `${unit}${rng.int(1, 180)} ${rng.pick(STREETS)}, ${place.suburb} ${place.state} ${place.postcode}`;
}

/** An email local part: lower case, letters only, so names like O'Brien stay valid. */
export function emailLocal(person: Person): string {
	const clean = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
	return `${clean(person.first)}.${clean(person.last)}`;
}
