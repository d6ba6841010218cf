import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';
import { NOTIFICATION_TYPES, type NotificationType } from '../../../shared/enums';

export class Notification extends Model<
	InferAttributes<Notification>,
	InferCreationAttributes<Notification>
> {
	declare id: CreationOptional<string>;
	declare userId: string;
	declare type: NotificationType | null;
	declare title: string;
	declare message: string | null;
	declare isRead: CreationOptional<boolean>;
	declare readAt: Date | null;
	declare relatedTable: string | null;
	declare relatedId: string | null;
	declare createdAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		Notification.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				userId: { type: DataTypes.UUID, allowNull: false },
				type: DataTypes.ENUM(...NOTIFICATION_TYPES),
				title: { type: DataTypes.STRING(255), allowNull: false },
				message: DataTypes.TEXT,
				isRead: { type: DataTypes.BOOLEAN, defaultValue: false },
				readAt: DataTypes.DATE,
				relatedTable: DataTypes.STRING(100),
				relatedId: DataTypes.UUID,
				createdAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'notifications', updatedAt: false }
		);
	}
}
