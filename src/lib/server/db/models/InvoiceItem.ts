import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';

export class InvoiceItem extends Model<
	InferAttributes<InvoiceItem>,
	InferCreationAttributes<InvoiceItem>
> {
	declare id: CreationOptional<string>;
	declare invoiceId: string;
	declare ndisItemCodeId: string;
	declare sessionLogId: string | null;
	declare sessionLogDate: string | null;
	declare quantity: string;
	declare rate: string;
	declare amount: string;
	declare description: string | null;
	declare createdAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		InvoiceItem.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				invoiceId: { type: DataTypes.UUID, allowNull: false },
				ndisItemCodeId: { type: DataTypes.UUID, allowNull: false },
				sessionLogId: DataTypes.UUID,
				sessionLogDate: DataTypes.DATEONLY,
				quantity: { type: DataTypes.DECIMAL(6, 2), allowNull: false },
				rate: { type: DataTypes.DECIMAL(8, 2), allowNull: false },
				amount: { type: DataTypes.DECIMAL(10, 2), allowNull: false },
				description: DataTypes.TEXT,
				createdAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'invoice_items', updatedAt: false }
		);
	}
}
