import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';

/**
 * A password reset link. The id is the SHA-256 of the link's token; the token itself is only ever
 * in the email, so a leaked table cannot be used to take over accounts.
 */
export class PasswordResetToken extends Model<
	InferAttributes<PasswordResetToken>,
	InferCreationAttributes<PasswordResetToken>
> {
	declare id: string;
	declare userId: string;
	declare expiresAt: Date;
	declare usedAt: Date | null;
	declare createdAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		PasswordResetToken.init(
			{
				id: { type: DataTypes.STRING(64), primaryKey: true },
				userId: { type: DataTypes.UUID, allowNull: false },
				expiresAt: { type: DataTypes.DATE, allowNull: false },
				usedAt: DataTypes.DATE,
				createdAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'password_reset_tokens', updatedAt: false }
		);
	}
}
