/** Primary disabilities with the support needs and medical notes that usually go with them. */
export interface DisabilityProfile {
	disability: string;
	supportNeeds: string;
	medicalInfo: string;
	goals: string;
}

export const DISABILITIES: DisabilityProfile[] = [
	{
		disability: 'Autism spectrum disorder',
		supportNeeds:
			'Visual schedule and advance notice of changes; quiet space when overwhelmed; support with community access and daily routines.',
		medicalInfo: 'No known allergies. Sensory sensitivity to loud noise and bright light.',
		goals: 'Take part in a weekly social group; build a morning routine without prompts.'
	},
	{
		disability: 'Intellectual disability',
		supportNeeds:
			'Step-by-step prompting for personal care and meal preparation; support managing money and appointments.',
		medicalInfo: 'Epilepsy, well controlled with sodium valproate. Seizure plan on file.',
		goals: 'Cook three simple meals independently; travel to day program by train.'
	},
	{
		disability: 'Cerebral palsy',
		supportNeeds:
			'Power wheelchair user; hoist transfers with two workers; assistance with showering and dressing.',
		medicalInfo: 'Spastic quadriplegia. Baclofen twice daily. Pressure care every 2 hours.',
		goals: 'Return to part-time study; use public transport with a support worker.'
	},
	{
		disability: 'Acquired brain injury',
		supportNeeds:
			'Memory prompts and written reminders; support with planning, appointments and household tasks.',
		medicalInfo: 'Traumatic brain injury (2019). Fatigue in afternoons. Takes sertraline.',
		goals: 'Return to volunteer work two days a week; manage own calendar.'
	},
	{
		disability: 'Psychosocial disability',
		supportNeeds:
			'Consistent workers; support to attend appointments and community activities; check-ins during difficult periods.',
		medicalInfo:
			'Schizoaffective disorder, managed by community mental health team. Clozapine, monthly bloods.',
		goals: 'Keep a tenancy independently; join a community garden.'
	},
	{
		disability: 'Multiple sclerosis',
		supportNeeds:
			'Assistance with personal care on fatigue days; physiotherapy to maintain mobility; home modifications.',
		medicalInfo: 'Relapsing-remitting MS. Ocrelizumab infusions six-monthly. Heat sensitive.',
		goals: 'Stay working from home three days a week; keep walking with a frame.'
	},
	{
		disability: 'Hearing impairment',
		supportNeeds:
			'Auslan interpreter for appointments; written communication; visual alerts at home.',
		medicalInfo: 'Profound bilateral sensorineural hearing loss. Cochlear implant (right).',
		goals: 'Complete a Certificate III in Horticulture; join a Deaf sports club.'
	},
	{
		disability: 'Vision impairment',
		supportNeeds:
			'Orientation and mobility support for new routes; screen reader and large-print materials.',
		medicalInfo: 'Retinitis pigmentosa; legally blind. Uses a long cane.',
		goals: 'Travel to work independently; use a screen reader for banking.'
	},
	{
		disability: 'Down syndrome',
		supportNeeds:
			'Support with budgeting, shopping and cooking; encouragement with fitness and social activities.',
		medicalInfo: 'Hypothyroidism (thyroxine daily). Annual cardiac review.',
		goals: 'Move into shared living with friends; keep a part-time cafe job.'
	},
	{
		disability: 'Spinal cord injury',
		supportNeeds:
			'Morning and evening personal care including bowel care; assistance with transfers and household tasks.',
		medicalInfo: 'T6 complete paraplegia (2021). Risk of autonomic dysreflexia; plan on file.',
		goals: 'Return to driving with modifications; play wheelchair basketball.'
	}
];
