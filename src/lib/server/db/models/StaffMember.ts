import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type NonAttribute,
	type Sequelize
} from 'sequelize';
import { STAFF_STATUSES, type StaffStatus } from '../../../shared/enums';
import type { User } from './User';

export class StaffMember extends Model<
	InferAttributes<StaffMember>,
	InferCreationAttributes<StaffMember>
> {
	declare id: CreationOptional<string>;
	declare userId: string | null;
	declare specialization: string | null;
	declare hourlyRate: string;
	declare startDate: string;
	declare certifications: string | null;
	declare status: CreationOptional<StaffStatus>;
	declare assignedParticipantsCount: CreationOptional<number>;
	declare totalHours: CreationOptional<string>;
	declare createdAt: CreationOptional<Date>;
	declare updatedAt: CreationOptional<Date>;

	declare user?: NonAttribute<User>;

	static initModel(sequelize: Sequelize) {
		StaffMember.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				userId: { type: DataTypes.UUID, unique: true },
				specialization: DataTypes.STRING(255),
				hourlyRate: { type: DataTypes.DECIMAL(8, 2), allowNull: false },
				startDate: { type: DataTypes.DATEONLY, allowNull: false },
				certifications: DataTypes.TEXT,
				status: { type: DataTypes.ENUM(...STAFF_STATUSES), defaultValue: 'active' },
				assignedParticipantsCount: { type: DataTypes.INTEGER, defaultValue: 0 },
				totalHours: { type: DataTypes.DECIMAL(8, 2), defaultValue: '0.00' },
				createdAt: DataTypes.DATE,
				updatedAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'staff_members' }
		);
	}
}
