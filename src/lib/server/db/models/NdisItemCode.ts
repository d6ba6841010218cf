import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';
import { ITEM_CODE_STATUSES, type ItemCodeStatus } from '../../../shared/enums';

/** A support item of the NDIS price list, with the price currently in force. */
export class NdisItemCode extends Model<
	InferAttributes<NdisItemCode>,
	InferCreationAttributes<NdisItemCode>
> {
	declare id: CreationOptional<string>;
	declare code: string;
	declare description: string;
	declare category: string;
	declare unitType: string;
	declare price: string;
	declare gstApplicable: CreationOptional<boolean>;
	declare effectiveDate: string;
	declare status: CreationOptional<ItemCodeStatus>;
	declare supportCategoryNumber: number | null;
	declare supportCategoryName: string | null;
	declare registrationGroupNumber: string | null;
	declare registrationGroupName: string | null;
	declare quoteRequired: CreationOptional<boolean>;
	declare endDate: string | null;
	declare remotePrice: string | null;
	declare veryRemotePrice: string | null;
	declare createdAt: CreationOptional<Date>;
	declare updatedAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		NdisItemCode.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				code: { type: DataTypes.STRING(50), allowNull: false, unique: true },
				description: { type: DataTypes.TEXT, allowNull: false },
				category: { type: DataTypes.STRING(100), allowNull: false },
				unitType: { type: DataTypes.STRING(50), allowNull: false },
				price: { type: DataTypes.DECIMAL(8, 2), allowNull: false },
				gstApplicable: { type: DataTypes.BOOLEAN, defaultValue: false },
				effectiveDate: { type: DataTypes.DATEONLY, allowNull: false },
				status: { type: DataTypes.ENUM(...ITEM_CODE_STATUSES), defaultValue: 'active' },
				supportCategoryNumber: DataTypes.SMALLINT,
				supportCategoryName: DataTypes.STRING(255),
				registrationGroupNumber: DataTypes.STRING(10),
				registrationGroupName: DataTypes.STRING(255),
				quoteRequired: { type: DataTypes.BOOLEAN, defaultValue: false },
				endDate: DataTypes.DATEONLY,
				remotePrice: DataTypes.DECIMAL(8, 2),
				veryRemotePrice: DataTypes.DECIMAL(8, 2),
				createdAt: DataTypes.DATE,
				updatedAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'ndis_item_codes' }
		);
	}
}
