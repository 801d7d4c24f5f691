import { CalendarOverride } from './calendar-override.entity';
import { Notification } from './notification.entity';
import { OutboxEntry } from './outbox-entry.entity';
import { Unit } from './unit.entity';
import { User } from './user.entity';

export * from './calendar-override.entity';
export * from './notification.entity';
export * from './outbox-entry.entity';
export * from './unit.entity';
export * from './user.entity';

/** Every entity; feature issues append theirs here. */
export const ENTITIES = [Unit, User, Notification, OutboxEntry, CalendarOverride];
