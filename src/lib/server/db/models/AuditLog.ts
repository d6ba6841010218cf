import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';

/** One audited action. Append-only: the app role may insert and read, never change or delete. */
export class AuditLog extends Model<InferAttributes<AuditLog>, InferCreationAttributes<AuditLog>> {
	declare id: CreationOptional<string>;
	declare userId: string | null;
	declare action: string;
	declare tableName: string | null;
	declare recordId: string | null;
	declare oldValues: Record<string, unknown> | null;
	declare newValues: Record<string, unknown> | null;
	declare ipAddress: string | null;
	declare userAgent: string | null;
	declare createdAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		AuditLog.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				userId: DataTypes.UUID,
				action: { type: DataTypes.STRING(100), allowNull: false },
				tableName: DataTypes.STRING(100),
				recordId: DataTypes.UUID,
				oldValues: DataTypes.JSONB,
				newValues: DataTypes.JSONB,
				ipAddress: DataTypes.STRING(45),
				userAgent: DataTypes.TEXT,
				createdAt: { type: DataTypes.DATE, primaryKey: true, defaultValue: DataTypes.NOW }
			},
			{ sequelize, tableName: 'audit_logs', updatedAt: false }
		);
	}
}
