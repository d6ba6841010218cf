/**
 * What support workers and therapists actually write: notes, outcomes and next steps per kind of
 * service, so the demo's session log, approval queue and reports read like a real provider's.
 * `{name}` is replaced with the participant's first name.
 */
import type { ItemKey } from '../item-codes';

export interface ServiceText {
	serviceType: string;
	item: ItemKey;
	notes: string[];
	outcomes: string[];
	nextSteps: string[];
	challenges: string[];
	achievements: string[];
}

export const WORKER_SERVICES: ServiceText[] = [
	{
		serviceType: 'Personal care',
		item: 'selfCare',
		notes: [
			'Supported {name} with the morning routine: shower, dressing and breakfast. {name} chose their own clothes and set the table with one prompt.',
			'Assisted {name} with personal hygiene and medication prompts per the support plan. Medication taken on time and recorded in the Webster pack log.',
			'Helped {name} prepare lunch and tidy the kitchen. {name} used the visual recipe card for most steps.'
		],
		outcomes: [
			'Morning routine completed with fewer prompts than last week.',
			'Medication taken as prescribed; no concerns observed.',
			'Meal prepared with minimal hands-on support.'
		],
		nextSteps: [
			'Continue fading verbal prompts for dressing.',
			'Introduce the new shower chair the OT recommended.',
			'Practise using the microwave timer independently.'
		],
		challenges: [
			'{name} was tired after a poor night and needed extra encouragement.',
			'Hot water system was slow; shower took longer than planned.',
			''
		],
		achievements: [
			'{name} buttoned their shirt without help for the first time.',
			'Completed the whole routine before 9 am.',
			''
		]
	},
	{
		serviceType: 'Community access',
		item: 'community',
		notes: [
			'Accompanied {name} to the local library and the shopping centre. {name} paid at the checkout and asked staff for help finding an item.',
			'Supported {name} to attend the community art group. Travelled by bus; {name} tapped on with their Opal card independently.',
			'Went with {name} to the Saturday markets and a cafe. {name} ordered and paid for their own coffee.'
		],
		outcomes: [
			'Participated in the group for the full session.',
			'Used public transport with supervision only.',
			'Made a purchase and counted change correctly.'
		],
		nextSteps: [
			'Plan next week’s outing together using the community calendar.',
			'Practise the bus route home with the worker following at a distance.',
			'Ask the art group leader about the end-of-term exhibition.'
		],
		challenges: [
			'The centre was crowded and noisy; took a short break outside.',
			'Bus ran 20 minutes late, which unsettled {name}.',
			''
		],
		achievements: [
			'{name} greeted two group members by name.',
			'Chose the activity and the venue without prompting.',
			''
		]
	},
	{
		serviceType: 'Life skills development',
		item: 'skills',
		notes: [
			'Worked with {name} on budgeting for the week: listed bills, checked the bank app and set aside grocery money.',
			'Practised the train trip to TAFE with {name}, including what to do if a service is cancelled.',
			'Cooked a simple pasta dish with {name} following a picture recipe; {name} used the stove with supervision.'
		],
		outcomes: [
			'Weekly budget written and stuck on the fridge.',
			'Completed the trip with the worker as a passenger only.',
			'Followed the recipe to the end with two prompts.'
		],
		nextSteps: [
			'Review the budget against receipts next session.',
			'Try the trip with the worker meeting {name} at the station.',
			'Choose a new recipe for next week and write the shopping list.'
		],
		challenges: [
			'Some confusion over the direct debit dates.',
			'Platform change announced at short notice.',
			''
		],
		achievements: [
			'{name} spotted an overcharge on a bill.',
			'Asked station staff for help on their own.',
			''
		]
	}
];

export const OVERNIGHT_SERVICE: ServiceText = {
	serviceType: 'Overnight support',
	item: 'overnight',
	notes: [
		'Active overnight support for {name}. Settled at 22:45 after a warm drink; two checks overnight, assisted to the bathroom at 03:10. Up at 06:30.',
		'Overnight shift with {name}. Evening medication given at 22:00. Woke once distressed at 01:30, reassured and back to sleep by 02:00.'
	],
	outcomes: ['Slept well with one disturbance.', 'Night routine followed; no incidents.'],
	nextSteps: [
		'Hand over the sleep log to the morning worker.',
		'Let the coordinator know about the 01:30 waking pattern.'
	],
	challenges: ['Restless between 01:00 and 02:00.', ''],
	achievements: ['Settled without needing PRN medication.', '']
};

export const THERAPY_SERVICES: Record<string, ServiceText> = {
	'Occupational Therapy': {
		serviceType: 'Occupational therapy',
		item: 'therapy',
		notes: [
			'Home visit with {name}: reviewed bathroom access and trialled a shower chair and grab rail positions.',
			'Fine motor session with {name}: pegboard, theraputty and handwriting tasks. Grip strength improving.'
		],
		outcomes: [
			'Equipment recommendations agreed.',
			'Completed all fine motor tasks with rest breaks.'
		],
		nextSteps: [
			'Write the AT quote request for the shower chair.',
			'Home programme: 10 minutes of theraputty daily.'
		],
		challenges: ['Fatigue after 30 minutes.', ''],
		achievements: ['{name} wrote their full name legibly.', '']
	},
	Physiotherapy: {
		serviceType: 'Physiotherapy',
		item: 'therapy',
		notes: [
			'Strength and balance programme with {name}: sit-to-stand, step-ups and supported walking in the hallway.',
			'Hydrotherapy session with {name} at the leisure centre: walking laps and stretching in the warm pool.'
		],
		outcomes: ['Completed 3 sets of 8 sit-to-stands.', 'Walked 4 laps with one rest.'],
		nextSteps: ['Progress to step-ups without the rail.', 'Update the home exercise sheet.'],
		challenges: ['Knee pain after the second set.', ''],
		achievements: ['Balanced on one leg for 10 seconds.', '']
	},
	'Speech Pathology': {
		serviceType: 'Speech pathology',
		item: 'therapy',
		notes: [
			'AAC session with {name}: practised requesting and commenting with the communication app during a board game.',
			'Mealtime assessment with {name}: reviewed textures and pacing; updated the mealtime management plan.'
		],
		outcomes: [
			'Used the AAC device for 12 spontaneous requests.',
			'Mealtime plan updated and shared with the team.'
		],
		nextSteps: [
			'Add new vocabulary pages for the art group.',
			'Train support workers on the updated mealtime plan.'
		],
		challenges: ['Device battery ran low mid-session.', ''],
		achievements: ['{name} used a two-symbol sentence unprompted.', '']
	}
};

export const REJECTION_REASONS = [
	'Session overlaps a participant appointment recorded elsewhere; please check the times.',
	'Notes are missing the outcomes against the participant’s goals. Please add them and resubmit.',
	"The participant's attendance confirmation is missing for this shift.",
	'Travel kilometres exceed the agreed limit without a note explaining why.'
];

export function fill(template: string, firstName: string): string {
	return template.replaceAll('{name}', firstName);
}
