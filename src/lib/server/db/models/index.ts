/**
 * Every model, and every association of the spec's relationship tables. The database owns the
 * constraints (see migrations/), so associations are declared with constraints: false: they only
 * teach Sequelize how to join.
 */
import type { Sequelize } from 'sequelize';
import { AuditLog } from './AuditLog';
import { AuthSession } from './AuthSession';
import { CalendarEvent } from './CalendarEvent';
import { Document } from './Document';
import { Invoice } from './Invoice';
import { InvoiceItem } from './InvoiceItem';
import { LoginAttempt } from './LoginAttempt';
import { NdisItemCode } from './NdisItemCode';
import { NdisItemCodePrice } from './NdisItemCodePrice';
import { Notification } from './Notification';
import { Participant } from './Participant';
import { ParticipantGoal } from './ParticipantGoal';
import { ParticipantStaff } from './ParticipantStaff';
import { PasswordResetToken } from './PasswordResetToken';
import { ProgressNote } from './ProgressNote';
import { SessionLog } from './SessionLog';
import { StaffMember } from './StaffMember';
import { SystemSetting } from './SystemSetting';
import { User } from './User';
import { UserSetting } from './UserSetting';

export {
	AuditLog,
	AuthSession,
	CalendarEvent,
	Document,
	Invoice,
	InvoiceItem,
	LoginAttempt,
	NdisItemCode,
	NdisItemCodePrice,
	Notification,
	Participant,
	ParticipantGoal,
	ParticipantStaff,
	PasswordResetToken,
	ProgressNote,
	SessionLog,
	StaffMember,
	SystemSetting,
	User,
	UserSetting
};

export const MODELS = [
	User,
	Participant,
	StaffMember,
	ParticipantStaff,
	AuthSession,
	NdisItemCode,
	NdisItemCodePrice,
	SessionLog,
	Invoice,
	InvoiceItem,
	Document,
	ParticipantGoal,
	ProgressNote,
	CalendarEvent,
	SystemSetting,
	UserSetting,
	AuditLog,
	Notification,
	LoginAttempt,
	PasswordResetToken
] as const;

const loose = { constraints: false } as const;

export function initModels(sequelize: Sequelize): void {
	for (const model of MODELS) model.initModel(sequelize);

	// Primary relationships (spec 1–10)
	User.hasOne(StaffMember, { ...loose, foreignKey: 'userId', as: 'staffProfile' });
	StaffMember.belongsTo(User, { ...loose, foreignKey: 'userId', as: 'user' });
	User.hasMany(SessionLog, { ...loose, foreignKey: 'staffId', as: 'sessionLogs' });
	SessionLog.belongsTo(User, { ...loose, foreignKey: 'staffId', as: 'staff' });
	User.hasMany(Invoice, { ...loose, foreignKey: 'staffId', as: 'invoices' });
	Invoice.belongsTo(User, { ...loose, foreignKey: 'staffId', as: 'staff' });
	Participant.hasMany(SessionLog, { ...loose, foreignKey: 'participantId', as: 'sessionLogs' });
	SessionLog.belongsTo(Participant, { ...loose, foreignKey: 'participantId', as: 'participant' });
	Participant.hasMany(Invoice, { ...loose, foreignKey: 'participantId', as: 'invoices' });
	Invoice.belongsTo(Participant, { ...loose, foreignKey: 'participantId', as: 'participant' });
	Participant.hasMany(Document, { ...loose, foreignKey: 'participantId', as: 'documents' });
	Document.belongsTo(Participant, { ...loose, foreignKey: 'participantId', as: 'participant' });
	Participant.hasMany(ParticipantGoal, { ...loose, foreignKey: 'participantId', as: 'goalList' });
	ParticipantGoal.belongsTo(Participant, {
		...loose,
		foreignKey: 'participantId',
		as: 'participant'
	});
	Participant.hasMany(ProgressNote, { ...loose, foreignKey: 'participantId', as: 'progressNotes' });
	ProgressNote.belongsTo(Participant, { ...loose, foreignKey: 'participantId', as: 'participant' });
	Invoice.hasMany(InvoiceItem, { ...loose, foreignKey: 'invoiceId', as: 'items' });
	InvoiceItem.belongsTo(Invoice, { ...loose, foreignKey: 'invoiceId', as: 'invoice' });
	NdisItemCode.hasMany(InvoiceItem, { ...loose, foreignKey: 'ndisItemCodeId', as: 'invoiceItems' });
	InvoiceItem.belongsTo(NdisItemCode, { ...loose, foreignKey: 'ndisItemCodeId', as: 'itemCode' });

	// Secondary relationships (spec 11–15)
	User.hasMany(Document, { ...loose, foreignKey: 'uploadedBy', as: 'uploadedDocuments' });
	Document.belongsTo(User, { ...loose, foreignKey: 'uploadedBy', as: 'uploader' });
	User.hasMany(CalendarEvent, { ...loose, foreignKey: 'staffId', as: 'calendarEvents' });
	CalendarEvent.belongsTo(User, { ...loose, foreignKey: 'staffId', as: 'staff' });
	User.hasMany(AuditLog, { ...loose, foreignKey: 'userId', as: 'auditLogs' });
	AuditLog.belongsTo(User, { ...loose, foreignKey: 'userId', as: 'user' });
	User.hasMany(Notification, { ...loose, foreignKey: 'userId', as: 'notifications' });
	Notification.belongsTo(User, { ...loose, foreignKey: 'userId', as: 'user' });
	User.hasMany(UserSetting, { ...loose, foreignKey: 'userId', as: 'settings' });
	UserSetting.belongsTo(User, { ...loose, foreignKey: 'userId', as: 'user' });

	// Implied by the columns: assignments, approvals, roster, item codes, authorship.
	Participant.belongsToMany(User, {
		...loose,
		through: ParticipantStaff,
		foreignKey: 'participantId',
		otherKey: 'userId',
		as: 'assignedStaff'
	});
	User.belongsToMany(Participant, {
		...loose,
		through: ParticipantStaff,
		foreignKey: 'userId',
		otherKey: 'participantId',
		as: 'assignedParticipants'
	});
	ParticipantStaff.belongsTo(Participant, {
		...loose,
		foreignKey: 'participantId',
		as: 'participant'
	});
	ParticipantStaff.belongsTo(User, { ...loose, foreignKey: 'userId', as: 'user' });
	SessionLog.belongsTo(User, { ...loose, foreignKey: 'approvedBy', as: 'approver' });
	SessionLog.belongsTo(NdisItemCode, { ...loose, foreignKey: 'ndisItemCodeId', as: 'itemCode' });
	SessionLog.hasMany(ProgressNote, {
		...loose,
		foreignKey: 'sessionLogId',
		sourceKey: 'id',
		as: 'progressNotes'
	});
	ProgressNote.belongsTo(User, { ...loose, foreignKey: 'workerId', as: 'worker' });
	NdisItemCode.hasMany(NdisItemCodePrice, { ...loose, foreignKey: 'ndisItemCodeId', as: 'prices' });
	NdisItemCodePrice.belongsTo(NdisItemCode, {
		...loose,
		foreignKey: 'ndisItemCodeId',
		as: 'itemCode'
	});
	Participant.hasMany(CalendarEvent, {
		...loose,
		foreignKey: 'participantId',
		as: 'calendarEvents'
	});
	CalendarEvent.belongsTo(Participant, {
		...loose,
		foreignKey: 'participantId',
		as: 'participant'
	});
	CalendarEvent.belongsTo(User, { ...loose, foreignKey: 'createdBy', as: 'creator' });
	Participant.belongsTo(User, { ...loose, foreignKey: 'createdBy', as: 'creator' });
	AuthSession.belongsTo(User, { ...loose, foreignKey: 'userId', as: 'user' });
	PasswordResetToken.belongsTo(User, { ...loose, foreignKey: 'userId', as: 'user' });
}
