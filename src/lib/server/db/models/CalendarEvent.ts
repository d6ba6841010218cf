import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';
import {
	EVENT_STATUSES,
	EVENT_TYPES,
	type EventStatus,
	type EventType
} from '../../../shared/enums';

/** A roster entry. `version` rises on every change so a stale edit can be refused (409). */
export class CalendarEvent extends Model<
	InferAttributes<CalendarEvent>,
	InferCreationAttributes<CalendarEvent>
> {
	declare id: CreationOptional<string>;
	declare title: string;
	declare description: string | null;
	declare participantId: string | null;
	declare staffId: string | null;
	declare eventType: EventType | null;
	declare startDatetime: Date;
	declare endDatetime: Date;
	declare location: string | null;
	declare status: CreationOptional<EventStatus>;
	declare createdBy: string;
	declare version: CreationOptional<number>;
	declare createdAt: CreationOptional<Date>;
	declare updatedAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		CalendarEvent.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				title: { type: DataTypes.STRING(255), allowNull: false },
				description: DataTypes.TEXT,
				participantId: DataTypes.UUID,
				staffId: DataTypes.UUID,
				eventType: DataTypes.ENUM(...EVENT_TYPES),
				startDatetime: { type: DataTypes.DATE, allowNull: false },
				endDatetime: { type: DataTypes.DATE, allowNull: false },
				location: DataTypes.STRING(255),
				status: { type: DataTypes.ENUM(...EVENT_STATUSES), defaultValue: 'scheduled' },
				createdBy: { type: DataTypes.UUID, allowNull: false },
				version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
				createdAt: DataTypes.DATE,
				updatedAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'calendar_events' }
		);
	}
}
