import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';

export class UserSetting extends Model<
	InferAttributes<UserSetting>,
	InferCreationAttributes<UserSetting>
> {
	declare id: CreationOptional<string>;
	declare userId: string;
	declare settingKey: string;
	declare settingValue: string | null;
	declare createdAt: CreationOptional<Date>;
	declare updatedAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		UserSetting.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				userId: { type: DataTypes.UUID, allowNull: false },
				settingKey: { type: DataTypes.STRING(100), allowNull: false },
				settingValue: DataTypes.TEXT,
				createdAt: DataTypes.DATE,
				updatedAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'user_settings' }
		);
	}
}
