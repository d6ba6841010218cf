import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';
import {
	PARTICIPANT_MOODS,
	SESSION_STATUSES,
	type ParticipantMood,
	type SessionStatus
} from '../../../shared/enums';

/**
 * A delivered session. The table is partitioned by session_date, so (id, sessionDate) is the
 * primary key; times are "HH:MM:SS" and an end time not after the start time means next day.
 */
export class SessionLog extends Model<
	InferAttributes<SessionLog>,
	InferCreationAttributes<SessionLog>
> {
	declare id: CreationOptional<string>;
	declare participantId: string;
	declare staffId: string;
	declare ndisItemCodeId: string | null;
	declare serviceType: string;
	declare sessionDate: string;
	declare startTime: string;
	declare endTime: string;
	declare durationHours: string;
	declare travelKilometers: CreationOptional<string>;
	declare notes: string | null;
	declare outcomes: string | null;
	declare nextSteps: string | null;
	declare participantMood: ParticipantMood | null;
	declare challenges: string | null;
	declare achievements: string | null;
	declare status: CreationOptional<SessionStatus>;
	declare rejectionReason: string | null;
	declare approvedBy: string | null;
	declare approvedAt: Date | null;
	declare createdAt: CreationOptional<Date>;
	declare updatedAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		SessionLog.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				participantId: { type: DataTypes.UUID, allowNull: false },
				staffId: { type: DataTypes.UUID, allowNull: false },
				ndisItemCodeId: DataTypes.UUID,
				serviceType: { type: DataTypes.STRING(100), allowNull: false },
				sessionDate: { type: DataTypes.DATEONLY, allowNull: false, primaryKey: true },
				startTime: { type: DataTypes.TIME, allowNull: false },
				endTime: { type: DataTypes.TIME, allowNull: false },
				durationHours: { type: DataTypes.DECIMAL(4, 2), allowNull: false },
				travelKilometers: { type: DataTypes.DECIMAL(6, 2), defaultValue: '0.00' },
				notes: DataTypes.TEXT,
				outcomes: DataTypes.TEXT,
				nextSteps: DataTypes.TEXT,
				participantMood: DataTypes.ENUM(...PARTICIPANT_MOODS),
				challenges: DataTypes.TEXT,
				achievements: DataTypes.TEXT,
				status: { type: DataTypes.ENUM(...SESSION_STATUSES), defaultValue: 'pending' },
				rejectionReason: DataTypes.TEXT,
				approvedBy: DataTypes.UUID,
				approvedAt: DataTypes.DATE,
				createdAt: DataTypes.DATE,
				updatedAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'session_logs' }
		);
	}
}
