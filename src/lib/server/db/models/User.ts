import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type NonAttribute,
	type Sequelize
} from 'sequelize';
import { USER_ROLES, type UserRole } from '../../../shared/enums';
import type { StaffMember } from './StaffMember';

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
	declare id: CreationOptional<string>;
	declare email: string;
	declare passwordHash: string;
	declare name: string;
	declare role: UserRole;
	declare phone: string | null;
	declare avatarUrl: string | null;
	declare isActive: CreationOptional<boolean>;
	declare lastLogin: Date | null;
	declare lockedUntil: CreationOptional<Date | null>;
	declare passwordChangedAt: CreationOptional<Date | null>;
	declare createdAt: CreationOptional<Date>;
	declare updatedAt: CreationOptional<Date>;

	declare staffProfile?: NonAttribute<StaffMember>;

	static initModel(sequelize: Sequelize) {
		User.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				email: { type: DataTypes.STRING(255), allowNull: false, unique: true },
				passwordHash: { type: DataTypes.STRING(255), allowNull: false },
				name: { type: DataTypes.STRING(255), allowNull: false },
				role: { type: DataTypes.ENUM(...USER_ROLES), allowNull: false },
				phone: DataTypes.STRING(20),
				avatarUrl: DataTypes.STRING(500),
				isActive: { type: DataTypes.BOOLEAN, defaultValue: true },
				lastLogin: DataTypes.DATE,
				lockedUntil: DataTypes.DATE,
				passwordChangedAt: DataTypes.DATE,
				createdAt: DataTypes.DATE,
				updatedAt: DataTypes.DATE
			},
			{
				sequelize,
				tableName: 'users',
				defaultScope: { attributes: { exclude: ['passwordHash'] } },
				hooks: {
					// The app role may not read password_hash (migrations/0013), not even in RETURNING.
					beforeCreate: (_user, options) => {
						if (options.returning !== false) options.returning = readableColumns();
					}
				}
			}
		);
	}
}

/** Column names, which Sequelize puts in RETURNING as they are (its type says attribute names). */
function readableColumns(): (keyof InferAttributes<User>)[] {
	return Object.values(User.getAttributes())
		.map((attribute) => attribute.field!)
		.filter((field) => field !== 'password_hash') as (keyof InferAttributes<User>)[];
}
