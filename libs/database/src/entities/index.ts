import { CalendarOverride } from './calendar-override.entity';
import { LoginFailure } from './login-failure.entity';
import { Notification } from './notification.entity';
import { ReadingItem, ReadingList, ReadingProgress } from './reading.entities';
import { ReflectionAssignment, ReflectionLshBucket, ReflectionSignature, ReflectionTask } from './reflection.entities';
import { OutboxEntry } from './outbox-entry.entity';
import { Unit } from './unit.entity';
import { User } from './user.entity';
import { AttendanceLogRow, AttendanceLogSeal, AttendanceRecord, CheckInFailure, LeaveRequest } from './attendance.entities';
import { CatalogItem, Menu, MenuItem, SessionMenuItem, StudySession } from './session.entities';
import { Declaration, DossierAccess, Reminder, ReminderRecipient, Talk, TalkFollowup, TalkPlan } from './integrity.entities';
import { RectificationCampaign, RectificationFiling, SupervisionDigestRun, SupervisionExtension, SupervisionItem, SupervisionProgress } from './supervision.entities';

export * from './calendar-override.entity';
export * from './login-failure.entity';
export * from './notification.entity';
export * from './reading.entities';
export * from './reflection.entities';
export * from './outbox-entry.entity';
export * from './unit.entity';
export * from './user.entity';
export * from './supervision.entities';
export * from './attendance.entities';
export * from './session.entities';
export * from './integrity.entities';

/** Every entity; feature issues append theirs here. */
export const ENTITIES = [Unit, User, Notification, OutboxEntry, CalendarOverride, SupervisionItem, SupervisionExtension, SupervisionProgress, SupervisionDigestRun, RectificationCampaign, RectificationFiling,
  CatalogItem, Menu, MenuItem, StudySession, SessionMenuItem, AttendanceRecord, AttendanceLogRow, AttendanceLogSeal, LeaveRequest, CheckInFailure,
  Talk, TalkFollowup, TalkPlan, Reminder, ReminderRecipient, Declaration, DossierAccess,
  LoginFailure, ReadingList, ReadingItem, ReadingProgress, ReflectionAssignment, ReflectionTask, ReflectionSignature, ReflectionLshBucket];
