/** What reading a Support Catalogue produces, and the two ways a whole file can be refused. */

export const STATES = ['ACT', 'NSW', 'NT', 'QLD', 'SA', 'TAS', 'VIC', 'WA'] as const;
export type State = (typeof STATES)[number];
export const DEFAULT_STATE: State = 'NSW';

export type CatalogueLayout = 'national' | 'national-derived' | 'per-state' | 'per-state-dated';
export type Category = 'Core' | 'Capital' | 'Capacity Building';
export type UnitType = 'Hour' | 'Each' | 'Day' | 'Week' | 'Month' | 'Year';
export type ItemStatus = 'active' | 'inactive' | 'deprecated';

export interface CatalogueRow {
	line: number;
	code: string;
	description: string;
	category: Category;
	supportCategoryNumber: number;
	supportCategoryName: string | null;
	registrationGroupNumber: string | null;
	registrationGroupName: string | null;
	unitType: UnitType;
	/** Money stays a decimal string ('82.57'); a float would round. */
	price: string;
	remotePrice: string | null;
	veryRemotePrice: string | null;
	quoteRequired: boolean;
	effectiveDate: string;
	endDate: string | null;
	status: ItemStatus;
}

export interface RowError {
	line: number;
	reason: string;
}

export interface ParsedCatalogue {
	layout: CatalogueLayout;
	priceColumn: string;
	rowsRead: number;
	rows: CatalogueRow[];
	errors: RowError[];
}

export interface ParseOptions {
	/** Used to spot legacy sheets and the financial year of files without dates. */
	fileName?: string;
	state?: string;
	/** YYYY-MM-DD, for files without a Start date column. */
	effectiveDate?: string;
	legacy?: boolean;
	/** YYYY-MM-DD; decides whether an item that has ended is 'inactive'. */
	today?: string;
}

/** The file is not a readable catalogue: unreadable CSV, or required columns missing. */
export class CatalogueFormatError extends Error {}
/** The options do not fit this file, e.g. --state on a file with a single National price. */
export class CatalogueOptionError extends Error {}
