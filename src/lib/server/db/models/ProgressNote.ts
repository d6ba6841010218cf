import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';

/** A progress note; when it belongs to a session both sessionLogId and sessionLogDate are set. */
export class ProgressNote extends Model<
	InferAttributes<ProgressNote>,
	InferCreationAttributes<ProgressNote>
> {
	declare id: CreationOptional<string>;
	declare participantId: string;
	declare sessionLogId: string | null;
	declare sessionLogDate: string | null;
	declare workerId: string;
	declare date: string;
	declare sessionType: string | null;
	declare duration: string | null;
	declare notes: string | null;
	declare outcomes: string[] | null;
	declare createdAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		ProgressNote.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				participantId: { type: DataTypes.UUID, allowNull: false },
				sessionLogId: DataTypes.UUID,
				sessionLogDate: DataTypes.DATEONLY,
				workerId: { type: DataTypes.UUID, allowNull: false },
				date: { type: DataTypes.DATEONLY, allowNull: false },
				sessionType: DataTypes.STRING(100),
				duration: DataTypes.STRING(50),
				notes: DataTypes.TEXT,
				outcomes: DataTypes.JSONB,
				createdAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'progress_notes', updatedAt: false }
		);
	}
}
