import { Module } from '@nestjs/common';
import { CalendarModule } from '@qf/calendar';
import { IdentityModule } from '@qf/identity';
import { NotificationsModule } from '@qf/notifications';
import { SupervisionModule } from '@qf/supervision';
import { TalkPlanRepository } from './talk-plan.repository';
import { TalkPlansService } from './talk-plans.service';
import { TalkRepository } from './talk.repository';
import { TalksService } from './talks.service';
import { ReminderRepository } from './reminder.repository';
import { RemindersService } from './reminders.service';
import { DeclarationRepository } from './declaration.repository';
import { DeclarationsService } from './declarations.service';
import { DossierRepository } from './dossier.repository';
import { DossierService } from './dossier.service';

const services = [TalkRepository, TalksService, TalkPlanRepository, TalkPlansService, ReminderRepository, RemindersService, DeclarationRepository, DeclarationsService, DossierRepository, DossierService];

/** Integrity work (廉政): talks, talk plans, holiday reminders, declarations, the dossier; used by the api and the worker. */
@Module({ imports: [CalendarModule, IdentityModule, NotificationsModule, SupervisionModule], providers: services, exports: services })
export class IntegrityModule {}
