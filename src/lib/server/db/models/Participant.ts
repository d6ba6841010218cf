import {
	DataTypes,
	Model,
	type CreationOptional,
	type InferAttributes,
	type InferCreationAttributes,
	type Sequelize
} from 'sequelize';
import { PARTICIPANT_STATUSES, type ParticipantStatus } from '../../../shared/enums';
import { openField, sealField } from '../../crypto/keyring';

/** A TEXT column stored encrypted (AES-256-GCM) and read as plaintext. */
function encryptedText(name: 'supportNeeds' | 'medicalInfo' | 'notes') {
	return {
		type: DataTypes.TEXT,
		get(this: Participant) {
			return openField(this.getDataValue(name));
		},
		set(this: Participant, value: string | null) {
			this.setDataValue(name, sealField(value));
		}
	};
}

/** DECIMAL columns are decimal strings ("1234.50"), DATE-only columns are "YYYY-MM-DD". */
export class Participant extends Model<
	InferAttributes<Participant>,
	InferCreationAttributes<Participant>
> {
	declare id: CreationOptional<string>;
	declare ndisNumber: string;
	declare name: string;
	declare email: string | null;
	declare phone: string | null;
	declare address: string | null;
	declare dateOfBirth: string | null;
	declare emergencyContactName: string | null;
	declare emergencyContactPhone: string | null;
	declare primaryDisability: string | null;
	declare planStartDate: string | null;
	declare planEndDate: string | null;
	declare planManager: string | null;
	declare totalBudget: string | null;
	declare usedBudget: CreationOptional<string>;
	declare supportNeeds: string | null;
	declare goals: string | null;
	declare medicalInfo: string | null;
	declare notes: string | null;
	declare status: CreationOptional<ParticipantStatus>;
	declare createdBy: string | null;
	declare createdAt: CreationOptional<Date>;
	declare updatedAt: CreationOptional<Date>;

	static initModel(sequelize: Sequelize) {
		Participant.init(
			{
				id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
				ndisNumber: { type: DataTypes.STRING(20), allowNull: false, unique: true },
				name: { type: DataTypes.STRING(255), allowNull: false },
				email: DataTypes.STRING(255),
				phone: DataTypes.STRING(20),
				address: DataTypes.TEXT,
				dateOfBirth: DataTypes.DATEONLY,
				emergencyContactName: DataTypes.STRING(255),
				emergencyContactPhone: DataTypes.STRING(20),
				primaryDisability: DataTypes.STRING(255),
				planStartDate: DataTypes.DATEONLY,
				planEndDate: DataTypes.DATEONLY,
				planManager: DataTypes.STRING(100),
				totalBudget: DataTypes.DECIMAL(10, 2),
				usedBudget: { type: DataTypes.DECIMAL(10, 2), defaultValue: '0.00' },
				supportNeeds: encryptedText('supportNeeds'),
				goals: DataTypes.TEXT,
				medicalInfo: encryptedText('medicalInfo'),
				notes: encryptedText('notes'),
				status: { type: DataTypes.ENUM(...PARTICIPANT_STATUSES), defaultValue: 'active' },
				createdBy: DataTypes.UUID,
				createdAt: DataTypes.DATE,
				updatedAt: DataTypes.DATE
			},
			{ sequelize, tableName: 'participants' }
		);
	}
}
