import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';

/** One price of a support item from one effective date: the item's price history. */
export class NdisItemCodePrice extends Model<
	InferAttributes<NdisItemCodePrice>,
	InferCreationAttributes<NdisItemCodePrice>
> {
	declare id: CreationOptional<string>;
	declare ndisItemCodeId: string;
	declare effectiveDate: string;
	declare endDate: string | null;
	declare price: string;
	declare remotePrice: string | null;
	declare veryRemotePrice: string | null;
	declare source: string | null;
	declare createdAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		NdisItemCodePrice.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				ndisItemCodeId: { type: DataTypes.UUID, allowNull: false },
				effectiveDate: { type: DataTypes.DATEONLY, allowNull: false },
				endDate: DataTypes.DATEONLY,
				price: { type: DataTypes.DECIMAL(8, 2), allowNull: false },
				remotePrice: DataTypes.DECIMAL(8, 2),
				veryRemotePrice: DataTypes.DECIMAL(8, 2),
				source: DataTypes.STRING(255),
				createdAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'ndis_item_code_prices', updatedAt: false }
		);
	}
}
