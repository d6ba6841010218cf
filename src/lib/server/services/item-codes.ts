/**
 * The NDIS price list, for /item-codes and the item-codes API: search, filters and each item's
 * price history. Reads run in tx() like every other service, so they see what the caller may see.
 */
import { Op, Sequelize, type WhereOptions } from 'sequelize';
import { z } from 'zod';
import { tx } from '../db';
import { NdisItemCode, NdisItemCodePrice } from '../db/models';
import { ITEM_CODE_STATUSES, type ItemCodeStatus } from '../../shared/enums';

export const ITEM_CATEGORIES = ['Core', 'Capital', 'Capacity Building'] as const;
export const UNIT_TYPES = ['Hour', 'Each', 'Day', 'Week', 'Month', 'Year'] as const;

const SORTS = [
	'code',
	'-code',
	'price',
	'-price',
	'effectiveDate',
	'-effectiveDate',
	'description',
	'-description'
] as const;

export const itemCodeFilters = z.object({
	q: z.string().trim().max(100, 'is too long').optional(),
	category: z
		.enum(ITEM_CATEGORIES, { error: `must be one of ${ITEM_CATEGORIES.join(', ')}` })
		.optional(),
	status: z
		.enum(ITEM_CODE_STATUSES, { error: `must be one of ${ITEM_CODE_STATUSES.join(', ')}` })
		.optional(),
	unitType: z.enum(UNIT_TYPES, { error: `must be one of ${UNIT_TYPES.join(', ')}` }).optional(),
	page: z.coerce.number({ error: 'must be a number' }).int().min(1).default(1),
	limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100).default(25),
	sort: z.enum(SORTS, { error: `must be one of ${SORTS.join(', ')}` }).default('code')
});
export type ItemCodeFilters = z.infer<typeof itemCodeFilters>;

export type ItemCodeSummary = {
	id: string;
	code: string;
	description: string;
	category: string;
	unitType: string;
	price: string;
	gstApplicable: boolean;
	effectiveDate: string;
	endDate: string | null;
	status: ItemCodeStatus;
	supportCategoryNumber: number | null;
	supportCategoryName: string | null;
	registrationGroupNumber: string | null;
	registrationGroupName: string | null;
	quoteRequired: boolean;
	remotePrice: string | null;
	veryRemotePrice: string | null;
};

export type PriceEntry = {
	id: string;
	effectiveDate: string;
	endDate: string | null;
	price: string;
	remotePrice: string | null;
	veryRemotePrice: string | null;
	source: string | null;
};

export function toSummary(item: NdisItemCode): ItemCodeSummary {
	return {
		id: item.id,
		code: item.code,
		description: item.description,
		category: item.category,
		unitType: item.unitType,
		price: item.price,
		gstApplicable: item.gstApplicable,
		effectiveDate: item.effectiveDate,
		endDate: item.endDate,
		status: item.status,
		supportCategoryNumber: item.supportCategoryNumber,
		supportCategoryName: item.supportCategoryName,
		registrationGroupNumber: item.registrationGroupNumber,
		registrationGroupName: item.registrationGroupName,
		quoteRequired: item.quoteRequired,
		remotePrice: item.remotePrice,
		veryRemotePrice: item.veryRemotePrice
	};
}

/**
 * Words become prefix terms ('assist:* & daily:*'), so half-typed words still match. Only letters
 * and digits reach to_tsquery, which would otherwise reject punctuation as syntax.
 */
export function prefixQuery(q: string): string | null {
	const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
	return words.length > 0 ? words.map((w) => `${w}:*`).join(' & ') : null;
}

function searchWhere(q: string): WhereOptions<NdisItemCode> {
	const like = `${q.replace(/[%_\\]/g, '\\$&')}%`;
	const terms = prefixQuery(q);
	const byCode: WhereOptions<NdisItemCode> = { code: { [Op.iLike]: like } };
	if (!terms) return byCode;
	// The same expression as the GIN index (migrations/0002_core.ts), so the index serves it.
	const byText = Sequelize.where(
		Sequelize.literal(
			`to_tsvector('simple', "NdisItemCode"."code" || ' ' || "NdisItemCode"."description")`
		),
		'@@',
		Sequelize.fn('to_tsquery', 'simple', terms)
	);
	return { [Op.or]: [byCode, byText] };
}

export async function list(filters: ItemCodeFilters) {
	const where: WhereOptions<NdisItemCode>[] = [];
	if (filters.q) where.push(searchWhere(filters.q));
	if (filters.category) where.push({ category: filters.category });
	if (filters.status) where.push({ status: filters.status });
	if (filters.unitType) where.push({ unitType: filters.unitType });
	const field = filters.sort.replace(/^-/, '') as
		'code' | 'price' | 'effectiveDate' | 'description';
	const direction = filters.sort.startsWith('-') ? 'DESC' : 'ASC';
	const { rows, count } = await tx(() =>
		NdisItemCode.findAndCountAll({
			where: { [Op.and]: where },
			order: [
				[field, direction],
				['code', 'ASC']
			],
			limit: filters.limit,
			offset: (filters.page - 1) * filters.limit
		})
	);
	return { data: rows.map(toSummary), total: count, page: filters.page, limit: filters.limit };
}

/** One item with every price it has had, newest first. */
export async function get(
	id: string
): Promise<(ItemCodeSummary & { prices: PriceEntry[] }) | null> {
	return tx(async () => {
		const item = await NdisItemCode.findByPk(id);
		if (!item) return null;
		const prices = await NdisItemCodePrice.findAll({
			where: { ndisItemCodeId: id },
			order: [['effectiveDate', 'DESC']]
		});
		return {
			...toSummary(item),
			prices: prices.map((p) => ({
				id: p.id,
				effectiveDate: p.effectiveDate,
				endDate: p.endDate,
				price: p.price,
				remotePrice: p.remotePrice,
				veryRemotePrice: p.veryRemotePrice,
				source: p.source
			}))
		};
	});
}
