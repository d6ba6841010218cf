import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';
import { GOAL_STATUSES, type GoalStatus } from '../../../shared/enums';

export class ParticipantGoal extends Model<
	InferAttributes<ParticipantGoal>,
	InferCreationAttributes<ParticipantGoal>
> {
	declare id: CreationOptional<string>;
	declare participantId: string;
	declare category: string;
	declare goal: string;
	declare description: string | null;
	declare progressPercentage: CreationOptional<number>;
	declare status: CreationOptional<GoalStatus>;
	declare dueDate: string | null;
	declare createdAt: CreationOptional<Date>;
	declare updatedAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		ParticipantGoal.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				participantId: { type: DataTypes.UUID, allowNull: false },
				category: { type: DataTypes.STRING(100), allowNull: false },
				goal: { type: DataTypes.TEXT, allowNull: false },
				description: DataTypes.TEXT,
				progressPercentage: {
					type: DataTypes.INTEGER,
					defaultValue: 0,
					validate: { min: 0, max: 100 }
				},
				status: { type: DataTypes.ENUM(...GOAL_STATUSES), defaultValue: 'not_started' },
				dueDate: DataTypes.DATEONLY,
				createdAt: DataTypes.DATE,
				updatedAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'participant_goals' }
		);
	}
}
