/**
 * Reads the data-model spec (docs/spec/ndis-schema.md, a copy of the project's spec) into a
 * structure the schema test compares with the live database. Parsing the document itself, not a
 * hand-made copy of it, means the test fails if the spec and the schema drift apart.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type SpecColumn = {
	name: string;
	type: string;
	primaryKey: boolean;
	notNull: boolean;
	unique: boolean;
	default: string | null;
	references: string | null;
	enumValues: string[] | null;
};
export type SpecIndex = { columns: string[]; unique: boolean };
export type SpecTable = { name: string; columns: SpecColumn[]; indexes: SpecIndex[] };
export type SpecRelationship = { from: string; to: string };

const SPEC_PATH = resolve('docs/spec/ndis-schema.md');

function cells(line: string): string[] {
	return line
		.split('|')
		.slice(1, -1)
		.map((c) => c.trim());
}

function parseColumn(row: string[]): SpecColumn {
	const [field = '', type = '', constraints = '', description = ''] = row;
	const name = field.replace(/`/g, '');
	const defaultMatch = /Default:\s*([^,]+)/.exec(constraints);
	const fk = /Foreign Key:\s*(\w+)\.(\w+)/.exec(constraints);
	const enumValues =
		type === 'ENUM' ? [...description.matchAll(/'([^']+)'/g)].map((m) => m[1]!) : null;
	return {
		name,
		type,
		primaryKey: /Primary Key/.test(constraints),
		notNull: /Not Null/.test(constraints),
		unique: /Unique/.test(constraints),
		default: defaultMatch ? defaultMatch[1]!.trim().replace(/^'|'$/g, '') : null,
		references: fk ? fk[1]! : null,
		enumValues
	};
}

function indexColumns(text: string): SpecIndex {
	const unique = /\((Composite )?Unique\)/i.test(text);
	const columns = text
		.replace(/\(.*\)/, '')
		.split('+')
		.map((part) => part.trim().toLowerCase().replace(/\s+/g, '_'));
	return { columns, unique };
}

export function readSpec(): { tables: SpecTable[]; relationships: SpecRelationship[] } {
	const text = readFileSync(SPEC_PATH, 'utf8');
	const tables: SpecTable[] = [];
	const relationships: SpecRelationship[] = [];
	let current: SpecTable | null = null;
	let inIndexes = false;
	let inRelationships = false;

	for (const line of text.split('\n')) {
		const heading = /^### \d+\. (\w+) TABLE/.exec(line);
		if (heading) {
			current = { name: heading[1]!.toLowerCase(), columns: [], indexes: [] };
			tables.push(current);
			inIndexes = false;
			continue;
		}
		if (/^## Table Relationships/.test(line)) {
			current = null;
			inRelationships = true;
			continue;
		}
		if (/^## Data Types/.test(line)) inRelationships = false;
		if (inRelationships && /^\| \d+ \|/.test(line)) {
			const [, from = '', to = ''] = cells(line);
			relationships.push({ from: from.toLowerCase(), to: to.toLowerCase() });
			continue;
		}
		if (!current) continue;
		if (line.startsWith('**Indexes**')) {
			inIndexes = true;
			continue;
		}
		if (inIndexes && line.startsWith('- ')) {
			current.indexes.push(indexColumns(line.slice(2)));
			continue;
		}
		if (/^\| `/.test(line)) current.columns.push(parseColumn(cells(line)));
	}
	return { tables, relationships };
}
