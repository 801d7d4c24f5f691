import { Module } from '@nestjs/common';
import { CalendarModule } from '@qf/calendar';
import { AttendanceModule } from '@qf/attendance';
import { ReadingModule } from '@qf/reading';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';
import { MenusService } from './menus.service';
import { SessionCompletionService } from './session-completion.service';
import { SessionFinalizeScheduler } from './session-finalize.scheduler';
import { SessionMenuService } from './session-menu.service';
import { SessionNotifier } from './session-notifier.service';
import { SessionRepository } from './session.repository';
import { SessionSeriesService } from './session-series.service';
import { SessionsService } from './sessions.service';

const services = [
  CatalogRepository,
  CatalogService,
  MenusService,
  SessionCompletionService,
  SessionFinalizeScheduler,
  SessionMenuService,
  SessionNotifier,
  SessionRepository,
  SessionSeriesService,
  SessionsService,
];

/** Study catalog, menus and sessions; used by the api (controllers) and the worker (finalize, notify). */
@Module({ imports: [AttendanceModule, ReadingModule, CalendarModule], providers: services, exports: services })
export class SessionsModule {}
