import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';

/**
 * One sign-in attempt, kept by email (lower case) whether or not an account has it, so lockout and
 * per-IP limits count attempts against unknown addresses too.
 */
export class LoginAttempt extends Model<
	InferAttributes<LoginAttempt>,
	InferCreationAttributes<LoginAttempt>
> {
	declare id: CreationOptional<string>;
	declare email: string;
	declare ipAddress: string | null;
	declare userId: string | null;
	declare succeeded: boolean;
	declare createdAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		LoginAttempt.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				email: { type: DataTypes.STRING(255), allowNull: false },
				ipAddress: DataTypes.STRING(45),
				userId: DataTypes.UUID,
				succeeded: { type: DataTypes.BOOLEAN, allowNull: false },
				createdAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'login_attempts', updatedAt: false }
		);
	}
}
