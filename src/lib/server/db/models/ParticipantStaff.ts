import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';

/** Who works with whom: a staff user assigned to a participant. */
export class ParticipantStaff extends Model<
	InferAttributes<ParticipantStaff>,
	InferCreationAttributes<ParticipantStaff>
> {
	declare id: CreationOptional<string>;
	declare participantId: string;
	declare userId: string;
	declare assignedBy: string | null;
	declare createdAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		ParticipantStaff.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				participantId: { type: DataTypes.UUID, allowNull: false },
				userId: { type: DataTypes.UUID, allowNull: false },
				assignedBy: DataTypes.UUID,
				createdAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'participant_staff', updatedAt: false }
		);
	}
}
