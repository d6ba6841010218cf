import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type NonAttribute,
	type Sequelize
} from 'sequelize';
import { INVOICE_STATUSES, type InvoiceStatus } from '../../../shared/enums';
import type { InvoiceItem } from './InvoiceItem';

export class Invoice extends Model<InferAttributes<Invoice>, InferCreationAttributes<Invoice>> {
	declare id: CreationOptional<string>;
	declare invoiceNumber: string;
	declare participantId: string;
	declare staffId: string;
	declare issueDate: string;
	declare dueDate: string;
	declare subtotal: string;
	declare gstAmount: string;
	declare totalAmount: string;
	declare status: CreationOptional<InvoiceStatus>;
	declare notes: string | null;
	declare sentAt: Date | null;
	declare paidAt: Date | null;
	declare createdAt: CreationOptional<Date>;
	declare updatedAt: CreationOptional<Date>;

	declare items?: NonAttribute<InvoiceItem[]>;

	static initModel(sequelize: Sequelize) {
		Invoice.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				invoiceNumber: { type: DataTypes.STRING(50), allowNull: false, unique: true },
				participantId: { type: DataTypes.UUID, allowNull: false },
				staffId: { type: DataTypes.UUID, allowNull: false },
				issueDate: { type: DataTypes.DATEONLY, allowNull: false },
				dueDate: { type: DataTypes.DATEONLY, allowNull: false },
				subtotal: { type: DataTypes.DECIMAL(10, 2), allowNull: false },
				gstAmount: { type: DataTypes.DECIMAL(10, 2), allowNull: false },
				totalAmount: { type: DataTypes.DECIMAL(10, 2), allowNull: false },
				status: { type: DataTypes.ENUM(...INVOICE_STATUSES), defaultValue: 'draft' },
				notes: DataTypes.TEXT,
				sentAt: DataTypes.DATE,
				paidAt: DataTypes.DATE,
				createdAt: DataTypes.DATE,
				updatedAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'invoices' }
		);
	}
}
