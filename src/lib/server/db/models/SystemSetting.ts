import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';
import { SETTING_TYPES, type SettingType } from '../../../shared/enums';

export class SystemSetting extends Model<
	InferAttributes<SystemSetting>,
	InferCreationAttributes<SystemSetting>
> {
	declare id: CreationOptional<string>;
	declare settingKey: string;
	declare settingValue: string | null;
	declare settingType: CreationOptional<SettingType>;
	declare description: string | null;
	declare isEditable: CreationOptional<boolean>;
	declare createdAt: CreationOptional<Date>;
	declare updatedAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		SystemSetting.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				settingKey: { type: DataTypes.STRING(100), allowNull: false, unique: true },
				settingValue: DataTypes.TEXT,
				settingType: { type: DataTypes.ENUM(...SETTING_TYPES), defaultValue: 'string' },
				description: DataTypes.TEXT,
				isEditable: { type: DataTypes.BOOLEAN, defaultValue: true },
				createdAt: DataTypes.DATE,
				updatedAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'system_settings' }
		);
	}
}
