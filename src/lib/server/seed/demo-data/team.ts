/**
 * The demo organisation's 15 staff: one administrator, three coordinators, eight support workers
 * (one on leave, one who has left) and three allied health professionals.
 */
import type { DemoStaff, UserRole } from './context';

export interface StaffSpec {
	email: string;
	name: string;
	role: UserRole;
	status?: DemoStaff['status'];
	specialization?: string;
	rate: string;
	certifications: string;
}

const SUPPORT_CERTS =
	'Certificate III in Individual Support; First Aid (HLTAID011); NDIS Worker Screening Check; Working With Children Check';
const COORDINATOR_CERTS =
	'Diploma of Community Services; NDIS Worker Screening Check; Mental Health First Aid';

export const STAFF: StaffSpec[] = [
	{
		email: 'admin@demo.test',
		name: 'Alex Morgan',
		role: 'super_admin',
		rate: '62.00',
		certifications: 'Diploma of Business (Operations); NDIS Worker Screening Check'
	},
	{
		email: 'coordinator@demo.test',
		name: 'Priya Sharma',
		role: 'support_coordinator',
		rate: '52.50',
		certifications: COORDINATOR_CERTS
	},
	{
		email: 'michael.oconnor@demo.test',
		name: "Michael O'Connor",
		role: 'support_coordinator',
		rate: '50.00',
		certifications: COORDINATOR_CERTS
	},
	{
		email: 'grace.thompson@demo.test',
		name: 'Grace Thompson',
		role: 'support_coordinator',
		rate: '49.00',
		certifications: COORDINATOR_CERTS
	},
	{
		email: 'worker@demo.test',
		name: 'Sam Nguyen',
		role: 'support_worker',
		rate: '38.50',
		certifications: SUPPORT_CERTS
	},
	{
		email: 'olivia.brown@demo.test',
		name: 'Olivia Brown',
		role: 'support_worker',
		rate: '36.80',
		certifications: SUPPORT_CERTS
	},
	{
		email: 'jack.wilson@demo.test',
		name: 'Jack Wilson',
		role: 'support_worker',
		rate: '37.20',
		certifications: SUPPORT_CERTS
	},
	{
		email: 'mia.patel@demo.test',
		name: 'Mia Patel',
		role: 'support_worker',
		rate: '39.90',
		certifications: `${SUPPORT_CERTS}; Manual Handling`
	},
	{
		email: 'liam.kelly@demo.test',
		name: 'Liam Kelly',
		role: 'support_worker',
		rate: '36.80',
		status: 'on_leave',
		certifications: SUPPORT_CERTS
	},
	{
		email: 'chloe.martin@demo.test',
		name: 'Chloe Martin',
		role: 'support_worker',
		rate: '41.00',
		certifications: `${SUPPORT_CERTS}; Medication Administration`
	},
	{
		email: 'noah.williams@demo.test',
		name: 'Noah Williams',
		role: 'support_worker',
		rate: '35.60',
		certifications: SUPPORT_CERTS
	},
	{
		email: 'isla.campbell@demo.test',
		name: 'Isla Campbell',
		role: 'support_worker',
		rate: '36.80',
		status: 'inactive',
		certifications: SUPPORT_CERTS
	},
	{
		email: 'allied@demo.test',
		name: 'Hannah Lee',
		role: 'allied_health',
		specialization: 'Occupational Therapy',
		rate: '78.00',
		certifications:
			'Bachelor of Occupational Therapy; AHPRA registered (OCC0001234567); NDIS Worker Screening Check'
	},
	{
		email: 'daniel.roberts@demo.test',
		name: 'Daniel Roberts',
		role: 'allied_health',
		specialization: 'Physiotherapy',
		rate: '76.50',
		certifications:
			'Doctor of Physiotherapy; AHPRA registered (PHY0001234567); NDIS Worker Screening Check'
	},
	{
		email: 'sophie.chen@demo.test',
		name: 'Sophie Chen',
		role: 'allied_health',
		specialization: 'Speech Pathology',
		rate: '74.00',
		certifications:
			'Master of Speech Pathology; Certified Practising Speech Pathologist (SPA); NDIS Worker Screening Check'
	}
];
