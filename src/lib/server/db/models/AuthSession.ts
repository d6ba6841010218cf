import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';

/** A sign-in session. The id is the SHA-256 of the cookie's token; the token is never stored. */
export class AuthSession extends Model<
	InferAttributes<AuthSession>,
	InferCreationAttributes<AuthSession>
> {
	declare id: string;
	declare userId: string;
	declare expiresAt: Date;
	declare lastSeenAt: CreationOptional<Date>;
	declare ipAddress: string | null;
	declare userAgent: string | null;
	declare createdAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		AuthSession.init(
			{
				id: { type: DataTypes.STRING(64), primaryKey: true },
				userId: { type: DataTypes.UUID, allowNull: false },
				expiresAt: { type: DataTypes.DATE, allowNull: false },
				lastSeenAt: { type: DataTypes.DATE, defaultValue: DataTypes.NOW },
				ipAddress: DataTypes.STRING(45),
				userAgent: DataTypes.TEXT,
				createdAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'auth_sessions', updatedAt: false }
		);
	}
}
