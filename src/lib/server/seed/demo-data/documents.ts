/**
 * Documents of every type with real files on disk: a small PDF (or PNG for photos) per row,
 * written under DOCUMENTS_DIR as <id>.pdf, with the row's size and sha256 taken from the bytes
 * written. Expiry dates are spread so the list shows current, expiring-soon and expired documents.
 */
import { upsert } from '../db';
import { seedUuid } from '../ids';
import { createRandom } from '../random';
import { addDays, sydneyInstant } from '../dates';
import { minimalPdf, storeFile, tinyPng } from '../files';
import type { DemoContext, DemoParticipant, DemoStaff } from './context';

const EXPIRY_WARNING_DAYS = 30;
// Staff certificate expiries, days from today: some lapsed, some due soon, most fine.
const CERTIFICATE_EXPIRY = [12, -5, 25, 200, 400, -40, 90, 300, 18, 500, 150, 60, 700, 220, 365];

type DocumentType = 'ndis_plan' | 'assessment' | 'report' | 'certificate' | 'photo' | 'other';

interface DocSpec {
	key: string;
	name: string;
	type: DocumentType;
	participant: DemoParticipant | null;
	uploadedBy: DemoStaff;
	expiry: string | null;
	tags: string[];
	subject: string;
}

export function documentStatus(expiry: string | null, today: string) {
	if (!expiry) return 'current';
	if (expiry < today) return 'expired';
	return expiry <= addDays(today, EXPIRY_WARNING_DAYS) ? 'expiring_soon' : 'current';
}

function specs(ctx: DemoContext, participants: DemoParticipant[], staff: DemoStaff[]): DocSpec[] {
	const by = (role: DemoStaff['role']) => staff.find((s) => s.role === role) as DemoStaff;
	const [coordinator, admin, allied] = [
		by('support_coordinator'),
		by('super_admin'),
		by('allied_health')
	];
	const docs: DocSpec[] = [];
	for (const p of participants) {
		const subject = `Participant: ${p.name}`;
		const i = p.index;
		docs.push({
			key: `plan:${i}`,
			name: `NDIS plan – ${p.name}`,
			type: 'ndis_plan',
			participant: p,
			uploadedBy: coordinator,
			expiry: p.planEnd,
			tags: ['ndis-plan', p.planStart.slice(0, 4)],
			subject
		});
		if (i % 5 === 0)
			docs.push({
				key: `assessment:${i}`,
				name: `Functional capacity assessment – ${p.name}`,
				type: 'assessment',
				participant: p,
				uploadedBy: allied,
				expiry: null,
				tags: ['assessment', 'occupational-therapy'],
				subject
			});
		if (i % 4 === 1)
			docs.push({
				key: `report:${i}`,
				name: `Quarterly progress report – ${p.name}`,
				type: 'report',
				participant: p,
				uploadedBy: coordinator,
				expiry: null,
				tags: ['report', 'progress'],
				subject
			});
		if (i % 7 === 3)
			docs.push({
				key: `photo:${i}`,
				name: `Community garden outing – ${p.name}`,
				type: 'photo',
				participant: p,
				uploadedBy: coordinator,
				expiry: null,
				tags: ['photo', 'community-access'],
				subject
			});
		if (i % 6 === 4)
			docs.push({
				key: `agreement:${i}`,
				name: `Service agreement – ${p.name}`,
				type: 'other',
				participant: p,
				uploadedBy: coordinator,
				expiry: p.planEnd,
				tags: ['service-agreement', 'signed'],
				subject
			});
	}
	staff.forEach((s, i) => {
		const expiry = addDays(ctx.today, CERTIFICATE_EXPIRY[i % CERTIFICATE_EXPIRY.length] ?? 365);
		docs.push({
			key: `first-aid:${s.key}`,
			name: `First aid certificate – ${s.name}`,
			type: 'certificate',
			participant: null,
			uploadedBy: admin,
			expiry,
			tags: ['first-aid', 'staff-compliance'],
			subject: `Staff member: ${s.name}`
		});
	});
	return docs;
}

export async function seedDocuments(
	ctx: DemoContext,
	participants: DemoParticipant[],
	staff: DemoStaff[]
) {
	const rng = createRandom('demo:documents');
	const rows: Record<string, unknown>[] = [];
	for (const doc of specs(ctx, participants, staff)) {
		const id = seedUuid(`document:${doc.key}`);
		const photo = doc.type === 'photo';
		const filePath = `${id}.${photo ? 'png' : 'pdf'}`;
		const bytes = photo
			? tinyPng()
			: minimalPdf([doc.name, doc.subject, 'Harbourside Support Services', `Document ${id}`]);
		const file = await storeFile(ctx.documentsDir, filePath, bytes);
		rows.push({
			id,
			name: doc.name,
			type: doc.type,
			participant_id: doc.participant?.id ?? null,
			uploaded_by: doc.uploadedBy.userId,
			file_path: filePath,
			file_size: file.size,
			mime_type: photo ? 'image/png' : 'application/pdf',
			sha256: file.sha256,
			upload_date: sydneyInstant(addDays(ctx.today, -rng.int(5, 200)), rng.int(8 * 60, 18 * 60)),
			expiry_date: doc.expiry,
			status: documentStatus(doc.expiry, ctx.today),
			tags: doc.tags
		});
	}
	await upsert(ctx.db, 'documents', rows, { conflict: ['id', 'type'] });
	return rows.map((r) => ({ id: String(r.id), name: String(r.name), status: String(r.status) }));
}
